"""An invented precision set for the events stage: short news sentences and their events.

Every sentence here was written for this project (invented people, parties and towns;
real countries only as place names). Each case lists the PLOVER events a careful coder
should emit for it, often none: routine news that borrows an event word (taking part,
a company cutting prices, weather, reopenings, appointments, sports, a group "calling
itself" something), hypothetical and conditional statements, reported plans, and true
events of the common categories.

`expected` holds one entry per event; an entry is a category or alternatives joined by
`|` ("AID|AGREE": a pledge of aid may be coded either way). `maybe` lists categories
that are defensible but not required (a second event in the same sentence, an announced
strike as THREATEN): an emitted event of such a category is neither a hit nor a false
alarm. Everything else emitted is a false alarm. The articles are dated Wednesday
2025-09-24.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PUBLISHED = "2025-09-24"


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    expected: tuple[str, ...] = ()
    maybe: tuple[str, ...] = field(default_factory=tuple)


CASES: tuple[Case, ...] = (
    # Routine news that borrows an event word: nothing to code.
    Case("About 300 runners took part in the Orvik half marathon on Sunday."),
    Case("Organisers said about 400 tractors took part in the harvest parade."),
    Case("Brellford Energy cut its prices for household gas by 8 percent on Monday."),
    Case("Nordlink Telecom will cut 400 jobs at its Tarsk call centre, the company said."),
    Case("The Kessmoor rail operator suspended night services on the coastal line for repairs."),
    Case("Tarsk council closed the Marsh Lane car park for resurfacing on Tuesday."),
    Case("The Holm Savings Bank froze its mortgage rates at 4 percent."),
    Case("Heavy rain closed several roads around Valby on Tuesday."),
    Case("Forecasters warned that strong winds would hit the coast on Thursday."),
    Case("Forecasters expect the rain to ease by Friday evening."),
    Case("The Tolvik city library reopened on Monday after a year of repairs."),
    Case("The harbour museum reopened its doors after a two-year restoration."),
    Case("The Orvik council appointed Mara Dunn as its new chief executive."),
    Case("A group calling itself the Free Hills Movement said it had planted the device."),
    Case("Returning officer Hal Brin read out the result shortly after midnight."),
    Case("Returning home after the war, Pell Arden opened a small bakery in Valby."),
    Case("Striking images of the comet were published by the Kessmoor observatory."),
    Case("Kell Rovers beat Varn United 2-0 on Saturday to go top of the league."),
    Case("Tarsk striker Eli Moss shot wide from close range in the final minute."),
    Case("Consumer prices rose 3 percent in August as energy costs climbed."),
    Case("The bakery chain Holm and Sons released its annual results on Tuesday."),
    Case("The company blamed higher energy and flour costs for the losses."),
    Case("The anglers' association called the ruling a victory for the river."),
    Case("Firefighters brought the blaze under control after six hours."),
    Case("The festival drew about 20,000 visitors to Marrow Bay last weekend."),
    Case("Nobody was reported injured in the fire, the mayor said."),
    Case("Election officials counted the ballots by hand at the civic hall."),
    Case("Anna Lind, who returned to Orvik last year, runs a bakery on the high street."),
    Case("The Pellcorp board said a full plan would be released before work starts."),
    Case("Voters in Tarsk will return to the polls in May."),
    Case("Shares in Pellcorp fell after the company warned of lower profits."),
    Case("The new bridge over the Alder will open to traffic in March."),
    Case("Mayor Ilsa Brand said two school halls had been opened as shelters."),
    # Hypothetical, conditional and speculative statements: nothing happened.
    Case("If the water is cut in July, the farmers will lose the harvest, the union said."),
    Case("Residents fear the factory could close if orders keep falling."),
    Case("Analysts said both sides might resume shelling when the truce expires."),
    Case("Shipping agents said a strike lasting a week could delay spring deliveries."),
    Case("Officials said talks on a second chapter would begin in the autumn.", (), ("CONSULT",)),
    # Reported plans and intentions: at most an intent, never the act itself.
    Case(
        "She said the union would keep up the protests until the rules are withdrawn.",
        (),
        ("THREATEN",),
    ),
    Case("Teachers in Valby will strike on Friday over pay, their union said.", (), ("THREATEN",)),
    Case("The council said it would close the old pool next year.", ()),
    # True events, one or more per sentence.
    Case("Thousands of nurses marched through central Tarsk on Tuesday.", ("PROTEST",)),
    Case("Dock workers in Varna went on strike on Monday over night-shift pay.", ("PROTEST",)),
    Case(
        "Hundreds of residents blocked the main road into Orvik to protest against a landfill.",
        ("PROTEST",),
        ("DISAPPROVE",),
    ),
    Case("Students staged a sit-in at the Kell University library on Monday.", ("PROTEST",)),
    Case("Gunmen killed five villagers in an attack on Dorra on Sunday night.", ("ASSAULT",)),
    Case("A suicide bomber killed 14 people at a checkpoint near Sadrin.", ("ASSAULT",)),
    Case("Militants ambushed a police convoy near Kell, killing three officers.", ("ASSAULT",)),
    Case(
        "Unknown attackers set fire to the offices of the opposition newspaper Vel Post.",
        ("ASSAULT",),
    ),
    Case("Police arrested 30 protesters outside parliament in Orvik on Tuesday.", ("COERCE",)),
    Case("Security forces detained opposition leader Jon Mael at his home.", ("COERCE",)),
    Case("Authorities in Tarsk deported two foreign journalists on Monday.", ("COERCE",)),
    # Signing a formal agreement is PLOVER SUPPORT (CAMEO 057 in the 2021 table).
    Case("Varnia and Ostrell signed a border agreement in Geneva on Tuesday.", ("SUPPORT|AGREE",)),
    Case("The two parties agreed to form a coalition government.", ("AGREE",)),
    Case("The Varnian army and the rebels agreed a ceasefire on Monday.", ("AGREE",)),
    Case(
        "The foreign minister called on Ostrell to release the detained sailors.",
        ("DEMAND",),
    ),
    Case("The UN envoy urged both sides to return to the negotiating table.", ("DEMAND",)),
    Case("Opposition leaders demanded the resignation of the interior minister.", ("DEMAND",)),
    Case("Varnia threatened to impose sanctions on Ostrell.", ("THREATEN",)),
    Case("The rebel group warned that it would attack government convoys.", ("THREATEN",)),
    Case("The Varnian government imposed sanctions on three Ostrell banks.", ("SANCTION",)),
    Case("Marenland expelled two Varnian diplomats on Tuesday.", ("SANCTION",)),
    Case("The government banned the opposition Unity Party on Friday.", ("SANCTION|COERCE",)),
    Case("Varnia cut diplomatic ties with Ostrell on Monday.", ("SANCTION",)),
    Case("The prime minister met the Ostrell ambassador in Valby on Tuesday.", ("CONSULT",)),
    Case("Negotiators from both sides held talks in Geneva on Monday.", ("CONSULT",)),
    Case("The Varnian foreign minister visited Ostrell on Monday.", ("CONSULT",)),
    Case("The Red Crescent sent food and blankets to the flood camps near Tarsk.", ("AID",)),
    Case("Marenland pledged 20 million euros in aid to the flood victims.", ("AID|AGREE",)),
    Case("The opposition rejected the government's budget proposal on Tuesday.", ("REJECT",)),
    Case("The rebels refused to hand over their weapons.", ("REJECT",)),
    Case("Rights groups criticised the police for the use of tear gas.", ("DISAPPROVE",)),
    Case(
        "The Ostrell foreign ministry condemned the attack on its embassy.",
        ("DISAPPROVE",),
        ("ASSAULT",),
    ),
    Case("Prosecutors opened an investigation into the mayor's finances.", ("INVESTIGATE",)),
    Case("Varnian troops withdrew from the border town of Kell on Sunday.", ("RETREAT",)),
    Case("The rebels released 12 hostages on Friday.", ("RETREAT",)),
    Case("The interior minister resigned on Tuesday after the scandal.", ("CONCEDE",)),
    Case("The army deployed 2,000 troops to the northern border.", ("MOBILIZE",)),
    Case("Government troops clashed with rebels near Dorra on Monday.", ("FIGHT",)),
    Case(
        "Police said 12 people were arrested after protesters set fire to hay bales.",
        ("COERCE",),
        ("PROTEST",),
    ),
    Case(
        "Police arrested 12 people during the protest, which blocked the city's bridges.",
        ("COERCE",),
        ("PROTEST",),
    ),
)
