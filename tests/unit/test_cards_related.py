"""Related cards: shared tags and distinctive words, through the inverted index."""

from __future__ import annotations

from mkdocs_essays.cards.related import Document, RelatedIndex, tokens

CORPUS = [
    Document(
        "rag/retrieval",
        "rag",
        ("tags:rag", "tags:llm"),
        "Retrieval with vector embeddings",
        "Embed the documents, store the embeddings in a vector index, retrieve the nearest "
        "chunks for each question and give them to the model as context.",
    ),
    Document(
        "rag/evaluation",
        "rag",
        ("tags:rag", "tags:llm"),
        "Evaluating answers",
        "Grade answers against references; measure faithfulness to the retrieved context.",
    ),
    Document(
        "search/vectors",
        "search",
        ("tags:rag", "tags:search"),
        "Vector embeddings for search",
        "A vector index of embeddings finds the nearest chunks for a query: semantic retrieval "
        "beats keywords when the words differ.",
    ),
    Document(
        "search/keywords",
        "search",
        ("tags:search",),
        "Keyword ranking",
        "BM25 ranks documents by term frequency and inverse document frequency.",
    ),
    Document(
        "garden/tomatoes",
        "garden",
        ("tags:garden",),
        "Growing tomatoes",
        "Tomatoes want sun, deep watering and a stake; pinch the suckers in summer.",
    ),
    Document(
        "garden/compost",
        "garden",
        ("tags:garden",),
        "Compost",
        "Layer greens and browns, keep the heap moist and turn it to feed the tomatoes.",
    ),
    Document(
        "teams/hiring",
        "teams",
        ("tags:llm",),
        "Hiring for AI teams",
        "Hire people who evaluate models carefully and grade answers honestly.",
    ),
]


def test_the_obvious_answer_comes_first() -> None:
    index = RelatedIndex(CORPUS)
    by_id = {d.id: d for d in CORPUS}
    assert index.related(by_id["rag/retrieval"])[0] == "search/vectors"
    assert index.related(by_id["search/vectors"])[0] == "rag/retrieval"
    assert index.related(by_id["garden/tomatoes"]) == []  # only its own essay is about gardens
    assert index.related(by_id["rag/evaluation"])[0] == "teams/hiring"  # grading answers, llm


def test_never_itself_never_its_own_essay_at_most_the_limit() -> None:
    index = RelatedIndex(CORPUS)
    for document in CORPUS:
        related = index.related(document, 2)
        assert len(related) <= 2
        assert document.id not in related
        groups = {d.id: d.group for d in CORPUS}
        assert all(groups[r] != document.group for r in related)


def test_a_card_outside_the_index_is_ranked_against_it() -> None:
    """A draft's card (under serve) asks the index of published cards; it is never in it."""
    index = RelatedIndex(CORPUS)
    draft = Document(
        "draft/x", "draft", ("tags:garden",), "Tomato compost", "Compost feeds tomatoes."
    )
    related = index.related(draft)
    assert related[:2] == ["garden/compost", "garden/tomatoes"]
    assert all(draft.id not in index.related(d) for d in CORPUS)


def test_results_are_stable() -> None:
    first = {d.id: RelatedIndex(CORPUS).related(d) for d in CORPUS}
    again = {d.id: RelatedIndex(list(reversed(CORPUS))).related(d) for d in CORPUS}
    assert first == again


def test_tokens_drop_stop_words_short_words_and_numbers() -> None:
    assert tokens("The LLM is 42 times faster, isn't it? Über-fast!") == [
        "llm",
        "times",
        "faster",
        "isn't",
        "über-fast",
    ]


def test_a_tag_of_one_essay_relates_nothing_and_changes_no_list() -> None:
    """A tag's rarity is counted in essays (every card carries its essay's tags): a tag only
    one essay has is left out, so adding it changes no card's related list (issue 23: counted
    in cards, one tag added to an essay changed the related cards of 174 cards)."""
    index = RelatedIndex(CORPUS)
    assert "tags:rag" in index.tag_idf  # two essays: rag, search
    assert "tags:garden" not in index.tag_idf  # the garden essay's two cards only
    before = {d.id: index.related(d) for d in CORPUS}
    tagged = [
        Document(d.id, d.group, (*d.tags, "tags:new"), d.title, d.text)
        if d.group == "search"
        else d
        for d in CORPUS
    ]
    after = RelatedIndex(tagged)
    assert {d.id: after.related(d) for d in tagged} == before
    assert after.tag_idf == index.tag_idf
