#include "dyad/io/readers.h"

#include <gtest/gtest.h>

#include "dyad/core/error.h"

namespace dyad {
namespace {

struct Collected {
  std::vector<Article> articles;
  std::vector<InputProblem> problems;
  std::vector<std::string> Errors() const {
    std::vector<std::string> out;
    for (const auto& p : problems)
      if (p.severity == InputProblem::Severity::kError) out.push_back(p.message);
    return out;
  }
  std::vector<std::string> Warnings() const {
    std::vector<std::string> out;
    for (const auto& p : problems)
      if (p.severity == InputProblem::Severity::kWarning) out.push_back(p.message);
    return out;
  }
};

Collected Read(std::string_view content, const std::string& origin,
               InputFormat format = InputFormat::kAuto, PetrarchEnvironment* env = nullptr,
               size_t limit = 10u << 20) {
  Collected c;
  ReadOptions options;
  options.format = format;
  options.environment = env;
  options.max_article_bytes = limit;
  ReadContent(
      content, origin, options, [&](Article&& a) { c.articles.push_back(std::move(a)); },
      [&](const InputProblem& p) { c.problems.push_back(p); });
  return c;
}

TEST(ReadersTest, PlainTextWithDateHeader) {
  auto c = Read(" date 2026-02-20 Vietnam hosted talks.\n\nMore text.", "dir/000_abc.txt",
                InputFormat::kText);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].id, "000_abc");
  EXPECT_EQ(c.articles[0].date->ToString(), "2026-02-20");
  EXPECT_EQ(c.articles[0].text, "Vietnam hosted talks.\n\nMore text.");
  EXPECT_TRUE(c.problems.empty());
  // Without the leading space too, and a text that merely starts with the word "date" is no header.
  EXPECT_EQ(Read("date 2023-04-16\nText.", "a.txt").articles[0].date->ToString(), "2023-04-16");
  auto palms = Read("Date palms grow here.", "b.txt");
  EXPECT_FALSE(palms.articles[0].date);
  EXPECT_EQ(palms.articles[0].text, "Date palms grow here.");
}

TEST(ReadersTest, UnknownDateIsAWarningAndTheArticleIsKept) {
  auto c = Read(" date 2026-02-30 Text here.", "x.txt");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_FALSE(c.articles[0].date);
  EXPECT_EQ(c.articles[0].text, "Text here.");
  ASSERT_EQ(c.Warnings().size(), 1u);
  EXPECT_EQ(c.Warnings()[0],
            "x.txt:1: unknown date '2026-02-30' (expected YYYY-MM-DD); the article is coded with "
            "no date");
}

TEST(ReadersTest, EmptyAndBinaryFilesAreRejected) {
  auto empty = Read("  \n\n ", "e.txt", InputFormat::kText);
  EXPECT_TRUE(empty.articles.empty());
  EXPECT_EQ(empty.Errors(), std::vector<std::string>{"e.txt: empty article (no text)"});
  auto binary = Read(std::string("PK\x03\x04\x00\x00junk", 10), "j.txt", InputFormat::kText);
  EXPECT_TRUE(binary.articles.empty());
  EXPECT_EQ(binary.Errors(),
            std::vector<std::string>{"j.txt: byte 4: binary data, not a text article (skipped)"});
}

TEST(ReadersTest, BrokenUtf8IsReplacedWithItsOffset) {
  auto c = Read("Line one.\nBad \xC3\x28 byte.", "u.txt");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "Line one.\nBad \xEF\xBF\xBD( byte.");
  EXPECT_EQ(c.Warnings(),
            std::vector<std::string>{"u.txt:2: invalid UTF-8 at byte 14; replaced by U+FFFD"});
}

TEST(ReadersTest, OversizedArticleIsRejectedNotCrashed) {
  std::string big(2000, 'a');
  auto c = Read(big, "big.txt", InputFormat::kText, nullptr, 1000);
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.Errors().size(), 1u);
  EXPECT_EQ(c.Errors()[0],
            "big.txt: article 'big' has 2000 bytes of text, over the limit of 1000 (raise it with "
            "--max-article-bytes); skipped");
}

TEST(ReadersTest, JsonLinesKeepGoodLinesAndNameBadOnes) {
  std::string jsonl =
      "{\"id\": \"a1\", \"text\": \"Hanoi hosted talks.\", \"date\": \"2026-01-02\", "
      "\"language\": \"en\", \"title\": \"T\", \"url\": \"http://x\"}\n"
      "{\"id\": \"a2\", \"text\": broken}\n"
      "\n"
      "{\"text\": \"no id\"}\n"
      "{\"id\": 7, \"text\": \"Numeric id.\", \"date\": \"someday\"}\n"
      "[1, 2]\n";
  auto c = Read(jsonl, "in.jsonl");
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].id, "a1");
  EXPECT_EQ(c.articles[0].date->ToString(), "2026-01-02");
  EXPECT_EQ(c.articles[0].language, "en");
  EXPECT_EQ(c.articles[0].title, "T");
  EXPECT_EQ(c.articles[0].url, "http://x");
  EXPECT_EQ(c.articles[0].origin, "in.jsonl:1");
  EXPECT_EQ(c.articles[1].id, "7");
  EXPECT_FALSE(c.articles[1].date);
  auto errors = c.Errors();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].rfind("in.jsonl:2: malformed JSON (", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1], "in.jsonl:4: missing required field \"id\"; line skipped");
  EXPECT_EQ(errors[2], "in.jsonl:6: expected a JSON object per line; line skipped");
  EXPECT_EQ(c.Warnings(),
            std::vector<std::string>{"in.jsonl:5: unknown date 'someday' (expected YYYY-MM-DD); "
                                     "the article is coded with no date"});
}

constexpr char kValidationXml[] = R"(<?xml version="1.0" encoding="utf-8"?>
<Validation>
<Environment>
  <Verbfile>V.txt</Verbfile>
  <Actorfile>A1.txt, A2.txt</Actorfile>
  <Agentfile>G.txt</Agentfile>
  <PICOfile>PICO.txt</PICOfile>
  <Include>valid DEMO</Include>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO_00" category="DEMO">
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<Text>
Arnor met
 Gondor.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	2	nsubj	_	_
2	met	meet	VERB	VBD	_	0	root	_	_
3	Gondor	Gondor	PROPN	NNP	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_
</Parse></Sentence>
<Sentence date="19950102" id="DEMO_01" category="DEMO">
<EventCoding noevents="True" />
<Text>Penn parse here.</Text>
<Parse>(ROOT (S (NP (NNP Penn)) (VP (VBP parse) (ADVP (RB here))) (. .)))</Parse>
</Sentence>
</Sentences>
</Validation>
)";

TEST(ReadersTest, PetrarchValidationXml) {
  PetrarchEnvironment env;
  auto c = Read(kValidationXml, "v.xml", InputFormat::kAuto, &env);
  ASSERT_EQ(c.articles.size(), 2u);
  const Article& a = c.articles[0];
  EXPECT_EQ(a.id, "DEMO_00");
  EXPECT_EQ(a.category, "DEMO");
  EXPECT_EQ(a.date->ToString(), "1995-01-01");
  EXPECT_EQ(a.text, "Arnor met Gondor.");
  ASSERT_EQ(a.gold.size(), 1u);
  EXPECT_EQ(a.gold[0].source, "ARN");
  EXPECT_EQ(a.gold[0].target, "GON");
  EXPECT_EQ(a.gold[0].code, "050");
  ASSERT_EQ(a.given_parses.size(), 1u);
  EXPECT_TRUE(a.given_parses[0].has_spans);
  EXPECT_EQ(a.given_parses[0].words[2].span, (Span{10, 16}));
  EXPECT_EQ(c.articles[1].gold[0].attributes[0].first, "noevents");
  // A Penn tree is converted to dependencies and aligned with the text.
  ASSERT_EQ(c.articles[1].given_parses.size(), 1u);
  const ParsedSentence& penn = c.articles[1].given_parses[0];
  EXPECT_TRUE(penn.has_spans);
  EXPECT_EQ(penn.text, "Penn parse here.");
  ASSERT_EQ(penn.words.size(), 4u);
  EXPECT_EQ(penn.words[1].form, "parse");
  EXPECT_EQ(penn.words[1].deprel, "root");
  EXPECT_EQ(penn.words[0].deprel, "nsubj");
  EXPECT_EQ(penn.words[1].span, (Span{5, 10}));
  EXPECT_TRUE(c.problems.empty());
  EXPECT_TRUE(env.present);
  EXPECT_EQ(env.verb_file, "V.txt");
  EXPECT_EQ(env.actor_files, (std::vector<std::string>{"A1.txt", "A2.txt"}));
  EXPECT_EQ(env.pico_file, "PICO.txt");
  EXPECT_EQ(env.include, (std::vector<std::string>{"valid", "DEMO"}));
}

TEST(ReadersTest, MalformedPennTreeFallsBackToDyadsParser) {
  // ERROR-02 of PETRARCH's unit tests: a "(VP" missing from the tree leaves one ')' too many.
  std::string xml =
      "<Sentences>\n"
      "<Sentence id=\"E1\" date=\"19950101\">\n"
      "<Text>Arnor is about to leave.</Text>\n"
      "<Parse>\n"
      "(ROOT (S (NP (NNP Arnor))\n"
      "  (VP (VBZ is) (IN about) (S (VP (TO to) (VP (VB leave)))))\n"
      "  ) (. .)))\n"
      "</Parse>\n"
      "</Sentence>\n"
      "<Sentence id=\"E2\" date=\"19950101\"><Text>Gondor left.</Text>"
      "<Parse>(ROOT (S (NP (NNP Gondor)) (VP (VBD left) (. .)</Parse></Sentence>\n"
      "</Sentences>\n";
  auto c = Read(xml, "e.xml");
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_TRUE(c.articles[0].given_parses.empty());
  EXPECT_TRUE(c.articles[1].given_parses.empty());
  EXPECT_EQ(c.Warnings(),
            (std::vector<std::string>{
                "e.xml:7: unbalanced brackets: this ')' closes nothing (one ')' too many, or a "
                "'(' missing before it) (record 'E1'); the record's text is parsed by dyad "
                "instead",
                "e.xml:10: unbalanced brackets: the tree opening here ends at line 10 with 3 '(' "
                "never closed (a ')' is missing) (record 'E2'); the record's text is parsed by "
                "dyad instead"}));
  EXPECT_TRUE(c.Errors().empty());
}

TEST(ReadersTest, MalformedXmlKeepsTheGoodRecords) {
  std::string xml =
      "<Sentences>\n"
      "<Sentence id=\"S1\" date=\"20200101\"><Text>One.</Text></Sentence>\n"
      "<Sentence id=\"S2\" date=\"20200101\"><Text>Two <b> broken</Text></Sentence>\n"
      "<Sentence id=\"S3\" date=\"20200101\"><Text>Three.</Text></Sentence>\n";  // no </Sentences>
  auto c = Read(xml, "m.xml");
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].id, "S1");
  EXPECT_EQ(c.articles[1].id, "S3");
  auto errors = c.Errors();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].rfind("m.xml:3: malformed XML (", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind("m.xml:3: malformed <Sentence> record (", 0), 0u) << errors[1];
}

TEST(ReadersTest, UnclosedEventCodingIsReadAsEmptyAndTheEnvironmentKept) {
  // Hand-edited validation files write <EventCoding ...> without its '/' and forget the root's end.
  std::string xml =
      "<Validation>\n"
      "<Environment><Verbfile>V.txt</Verbfile><Include>valid AFP</Include></Environment>\n"
      "<Sentences>\n"
      "<Sentence category=\"AFP\" date=\"20080804\" id=\"A1\">\n"
      "<EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" >\n"
      "<Text>One.</Text>\n</Sentence>\n"
      "<Sentence category=\"AFP\" date=\"20080804\" id=\"A2\">\n"
      "<EventCoding noevents=\"True\"> </EventCoding>\n<Text>Two.</Text>\n</Sentence>\n"
      "</Sentences>\n";
  PetrarchEnvironment env;
  auto c = Read(xml, "gsr.xml", InputFormat::kPetrarchXml, &env);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].id, "A1");
  ASSERT_EQ(c.articles[0].gold.size(), 1u);
  EXPECT_EQ(c.articles[0].gold[0].code, "042");
  EXPECT_EQ(c.articles[1].id, "A2");
  EXPECT_TRUE(env.present);
  EXPECT_EQ(env.verb_file, "V.txt");
  EXPECT_EQ(c.Errors().size(), 1u);  // the document as a whole is malformed
  EXPECT_EQ(c.Warnings(), std::vector<std::string>{"gsr.xml:4: <EventCoding> without its closing "
                                                   "'/'; read as an empty element"});
}

TEST(ReadersTest, ConlluDocumentsBecomeArticles) {
  std::string conllu =
      "# newdoc id = d1\n# text = Hi there.\n"
      "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
      "2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n"
      "3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
      "1\tBad\tbad\n\n"
      "# newdoc id = d2\n"
      "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
  auto c = Read(conllu, "c.conllu");
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].id, "d1");
  EXPECT_EQ(c.articles[0].text, "Hi there.");
  EXPECT_TRUE(c.articles[0].given_parses[0].has_spans);
  EXPECT_EQ(c.articles[1].id, "d2");
  EXPECT_EQ(c.articles[1].text, "Yes");
  EXPECT_EQ(c.Errors(), std::vector<std::string>{"c.conllu:7: expected 10 tab-separated CoNLL-U "
                                                 "columns, found 3; sentence skipped"});
}

TEST(ReadersTest, FormatDetection) {
  EXPECT_EQ(FormatFromExtension("a/b.JSONL"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromExtension("x.conllu"), InputFormat::kConllu);
  EXPECT_EQ(FormatFromExtension("x.dat"), InputFormat::kAuto);
  EXPECT_EQ(SniffFormat("  {\"id\":1}"), InputFormat::kJsonl);
  EXPECT_EQ(SniffFormat("<?xml version='1.0'?>"), InputFormat::kPetrarchXml);
  EXPECT_EQ(SniffFormat("# sent_id = 1\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n"), InputFormat::kConllu);
  EXPECT_EQ(SniffFormat("# Heading\nplain text"), InputFormat::kText);
  EXPECT_EQ(ParseInputFormat("xml"), InputFormat::kPetrarchXml);
  EXPECT_THROW(ParseInputFormat("pdf"), Error);
  EXPECT_EQ(ArticleIdFromPath("../shared/data/seeds/000_d3ce5415b2230e94.txt"),
            "000_d3ce5415b2230e94");
}

}  // namespace
}  // namespace dyad
