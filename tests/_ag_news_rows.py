"""Twelve lines in the layout of Zhang et al.'s AG News CSV (class 1-4, title, description with its '\\'
escapes), written out by the classification tests that need such a file."""
from __future__ import annotations

AG_NEWS_ROWS = [
    ("3", "Wall St. Bears Claw Back Into the Black (Reuters)",
     "Reuters - Short-sellers, Wall Street's dwindling\\band of ultra-cynics, are seeing green again."),
    ("3", "Carlyle Looks Toward Commercial Aerospace (Reuters)",
     "Reuters - Private investment firm Carlyle Group,\\which has a reputation for making well-timed plays."),
    ("2", "Phelps Wins Again",
     "ATHENS -- Michael Phelps won his \"sixth\" gold medal, the swimmer said."),
    ("1", "Venezuelans Vote Early in Referendum",
     "CARACAS, Venezuela (Reuters) - Venezuelans turned out early."),
    ("4", "New Chip Is Fast",
     "SAN JOSE -- Intel said its new chip is fast."),
    ("2", "Team Wins Final",
     "The team won the final on Sunday, its coach said."),
    ("1", "Talks Resume",
     "Diplomats resumed talks on Monday."),
    ("4", "Software Update",
     "Microsoft released an update for Windows."),
    ("3", "Oil Prices Slip",
     "NEW YORK (Reuters) - Oil prices slipped on Tuesday as supplies rose."),
    ("1", "Quake Hits Coast",
     "An earthquake struck the coast early on Friday, officials said."),
    ("2", "Striker Signs Deal",
     "The striker signed a new three-year deal with the club."),
    ("4", "Phone Maker Cuts Prices",
     "The phone maker cut prices of its handsets by a tenth."),
]


def quoted_csv_line(row) -> str:
    """``row`` as AG News writes it: every field quoted, inner quotes doubled."""
    return ",".join('"' + f.replace('"', '""') + '"' for f in row)
