"""Invented vocabulary for synthetic news documents (fictional places and people)."""

from __future__ import annotations

PLACES = (
    "Port Halden",
    "Orvik",
    "Brennmoor",
    "Lake Tessary",
    "Valdren",
    "Kessick Bay",
    "Marrow Hill",
    "Elsin",
    "Southfold",
    "Quarrel Point",
    "Dunmere",
    "Ashby Vale",
)
PEOPLE = (
    "Ilse Varga",
    "Tomas Reyl",
    "Mara Ostendorf",
    "Jun Calloway",
    "Petra Lindqvist",
    "Omar Dessaline",
    "Nina Farrow",
    "Aldo Brecht",
    "Sunniva Holt",
    "Kwame Ardent",
)
ROLES = (
    "mayor",
    "council member",
    "harbour master",
    "police chief",
    "school director",
    "union leader",
    "hospital spokesperson",
    "county engineer",
)
SUBJECTS = (
    "the council",
    "residents",
    "the ferry company",
    "local farmers",
    "the county board",
    "shop owners",
    "volunteers",
    "the fire service",
    "teachers",
    "the water authority",
)
VERBS = (
    "approved",
    "rejected",
    "delayed",
    "announced",
    "debated",
    "funded",
    "reviewed",
    "postponed",
    "welcomed",
    "criticised",
    "inspected",
    "expanded",
)
OBJECTS = (
    "a new bridge",
    "the winter timetable",
    "repairs to the sea wall",
    "a budget for road salt",
    "plans for a library",
    "the harbour extension",
    "a study of flood risk",
    "longer clinic hours",
    "a festival in the square",
    "cheaper bus fares",
    "a ban on night fishing",
    "a youth sports hall",
)
TIMES = (
    "on Monday",
    "on Tuesday",
    "late on Wednesday",
    "on Thursday morning",
    "on Friday",
    "over the weekend",
    "last month",
    "earlier this week",
)
CLAUSES = (
    "after a long public meeting",
    "despite objections from neighbours",
    "following a spring storm",
    "as costs continued to rise",
    "after months of negotiation",
    "to the surprise of many observers",
    "in a narrow vote",
    "once the inspectors had reported",
)
CHROME = (
    "Home",
    "Local",
    "Weather",
    "Sport",
    "Subscribe to our newsletter",
    "Share this story",
    "Most read",
    "Contact the newsroom",
    "Privacy settings",
)
