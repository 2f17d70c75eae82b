#include "nlp/parser.h"

#include <gtest/gtest.h>

namespace dyad::nlp {
namespace {

// "She ate fish quickly ." : ate is the root; She<-ate, fish<-ate, quickly<-ate, .<-ate.
// Gold heads use n+1 (= 6) for the root; labels are indices 1..4, 0 = root.
const std::vector<int> kHeads = {-1, 2, 6, 2, 2, 2, -1};
const std::vector<int> kLabels = {-1, 1, 0, 2, 3, 4, -1};

TEST(ArcHybridTest, ZeroCostActionsRebuildTheGoldTree) {
  ParseState state(5);
  const int num_actions = 1 + 2 * 5;
  int steps = 0;
  while (!state.Terminal()) {
    int chosen = -1;
    for (int a = 0; a < num_actions; ++a) {
      if (state.Valid(a, 0) && ActionCost(state, a, kHeads, kLabels) == 0) {
        chosen = a;
        break;
      }
    }
    ASSERT_GE(chosen, 0) << "no zero-cost action at step " << steps;
    state.Apply(chosen);
    ++steps;
  }
  EXPECT_EQ(steps, 10);  // n shifts + n reductions
  for (int k = 1; k <= 5; ++k) {
    EXPECT_EQ(state.head(k), kHeads[k]) << k;
    EXPECT_EQ(state.label(k), kLabels[k]) << k;
  }
}

TEST(ArcHybridTest, CostsCountLostArcs) {
  ParseState state(5);
  state.Apply(ShiftAction());  // stack: She; buffer: ate ...
  // LEFT attaching She to "ate" with the right label costs nothing, with a wrong label 1.
  EXPECT_EQ(ActionCost(state, LeftAction(1), kHeads, kLabels), 0);
  EXPECT_EQ(ActionCost(state, LeftAction(2), kHeads, kLabels), 1);
  // SHIFT loses She's head (ate can no longer take She as a left dependent).
  EXPECT_EQ(ActionCost(state, ShiftAction(), kHeads, kLabels), 1);
  // RIGHT needs two stack items; LEFT onto the root needs the sentence reduced to one item.
  EXPECT_FALSE(state.Valid(RightAction(1), 0));
  state.Apply(LeftAction(1));
  state.Apply(ShiftAction());  // stack: ate
  state.Apply(ShiftAction());  // stack: ate fish
  EXPECT_EQ(ActionCost(state, RightAction(2), kHeads, kLabels), 0);
  EXPECT_EQ(ActionCost(state, LeftAction(2), kHeads, kLabels), 1);  // fish's head ate is lost
  EXPECT_TRUE(state.Valid(RightAction(2), 0));
  EXPECT_FALSE(state.Valid(RightAction(0), 0));  // "root" only attaches to the root
  EXPECT_EQ(state.left1_[2], 1);
}

}  // namespace
}  // namespace dyad::nlp
