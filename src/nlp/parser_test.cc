#include "nlp/parser.h"

#include <gtest/gtest.h>

namespace dyad::nlp {
namespace {

// "She ate fish quickly ." : ate is the root; She<-ate, fish<-ate, quickly<-ate, .<-ate.
// Gold heads use n+1 (= 6) for the root.
const std::vector<int> kHeads = {-1, 2, 6, 2, 2, 2, -1};

TEST(ArcHybridTest, ZeroCostTransitionsRebuildTheGoldTree) {
  ParseState state(5);
  int steps = 0;
  while (!state.Terminal()) {
    int chosen = -1;
    for (int a = 0; a < kNumTransitions; ++a) {
      if (state.Valid(a) && TransitionCost(state, a, kHeads) == 0) {
        chosen = a;
        break;
      }
    }
    ASSERT_GE(chosen, 0) << "no zero-cost transition at step " << steps;
    state.Apply(chosen, 7);
    ++steps;
  }
  EXPECT_EQ(steps, 10);  // n shifts + n reductions
  for (int k = 1; k <= 5; ++k) {
    EXPECT_EQ(state.head(k), kHeads[k]) << k;
    EXPECT_EQ(state.label(k), 7) << k;
  }
}

TEST(ArcHybridTest, CostsCountLostArcs) {
  ParseState state(5);
  state.Apply(kShift, 0);  // stack: She; buffer: ate ...
  // LEFT attaching She to "ate" costs nothing.
  EXPECT_EQ(TransitionCost(state, kLeft, kHeads), 0);
  EXPECT_EQ(state.ArcHead(kLeft), 2);
  // SHIFT loses She's head (ate can no longer take She as a left dependent).
  EXPECT_EQ(TransitionCost(state, kShift, kHeads), 1);
  // RIGHT needs two stack items.
  EXPECT_FALSE(state.Valid(kRight));
  state.Apply(kLeft, 1);
  state.Apply(kShift, 0);  // stack: ate
  state.Apply(kShift, 0);  // stack: ate fish
  EXPECT_EQ(TransitionCost(state, kRight, kHeads), 0);
  EXPECT_EQ(state.ArcHead(kRight), 2);
  EXPECT_EQ(TransitionCost(state, kLeft, kHeads), 1);  // fish's head ate is lost
  EXPECT_TRUE(state.Valid(kRight));
  EXPECT_EQ(state.left1_[2], 1);
  EXPECT_EQ(state.left_labels_[2], uint64_t{1} << 1);
}

TEST(ArcHybridTest, LeftOntoTheRootNeedsASingleStackItem) {
  ParseState state(2);
  state.Apply(kShift, 0);
  state.Apply(kShift, 0);  // stack: 1 2; buffer: root
  EXPECT_FALSE(state.Valid(kShift));
  EXPECT_FALSE(state.Valid(kLeft));
  EXPECT_TRUE(state.Valid(kRight));
  state.Apply(kRight, 0);
  EXPECT_TRUE(state.Valid(kLeft));
  EXPECT_EQ(state.ArcHead(kLeft), 3);
}

TEST(LabelSchemeTest, GroupsByUniversalRelationAndRestrictsArcs) {
  LabelScheme scheme;
  scheme.labels = {"case", "nsubj", "nsubj:pass", "obj", "root", "xcomp", "zzz"};
  scheme.num_groups = 3;
  scheme.groups = LabelGroups(scheme.labels, 3);
  scheme.Finish();
  EXPECT_EQ(scheme.groups, (std::vector<uint8_t>{0, 1, 1, 1, 2, 2, 0}));
  EXPECT_EQ(scheme.root_label, 4);
  EXPECT_EQ(LabelGroups(scheme.labels, 1), std::vector<uint8_t>(7, 0));
  ParseState state(2);
  EXPECT_TRUE(scheme.Valid(state, ClassOf(kShift, 0)));
  EXPECT_FALSE(scheme.Valid(state, ClassOf(kLeft, 1)));  // empty stack
  state.Apply(kShift, 0);
  for (int g = 0; g < 3; ++g) EXPECT_TRUE(scheme.Valid(state, ClassOf(kLeft, g))) << g;
  state.Apply(kShift, 0);
  state.Apply(kRight, 1);  // stack: 1; buffer: root
  // Onto the root only with the root's group.
  EXPECT_FALSE(scheme.Valid(state, ClassOf(kLeft, 1)));
  EXPECT_TRUE(scheme.Valid(state, ClassOf(kLeft, 2)));
  const int scores[] = {5, 1, 9, 3, 100, 2, 4};
  EXPECT_EQ(scheme.BestLabel(scores, 1), 2);  // nsubj:pass
  EXPECT_EQ(scheme.BestLabel(scores, 2), 5);  // never "root" for a word head
  EXPECT_EQ(MoveOf(ClassOf(kRight, 2)), kRight);
  EXPECT_EQ(GroupOf(ClassOf(kRight, 2)), 2);
}

}  // namespace
}  // namespace dyad::nlp
