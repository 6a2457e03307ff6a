"""Generator for the general-knowledge probe (data/general), BEIR format, test split only.

Everyday questions, each with exactly one relevant passage, written for this course. Notebook 04
uses it to check that a domain adapter does not make the model worse on everyday queries
(``utils.data.beir.general_probe``, which can add domain documents as distractors).

Usage: python data/_gen/general.py [--out ROOT]   (writes ROOT/general/; default: data/general)
"""

from pathlib import Path

from _builder import DataError, main, write_beir

# (query, its one relevant passage)
PAIRS = [
    (
        "how do plants make their food",
        "Photosynthesis lets green plants turn sunlight, water and carbon dioxide into sugar, releasing oxygen.",
    ),
    (
        "why is the sky blue",
        "Sunlight is scattered by air molecules, and short blue wavelengths scatter far more than red ones.",
    ),
    (
        "what causes the seasons on earth",
        "The tilt of Earth's axis changes how directly sunlight strikes each hemisphere over the year.",
    ),
    (
        "how long should I boil an egg for a soft yolk",
        "For a runny yolk, simmer eggs for about six minutes, then cool them in cold water.",
    ),
    (
        "who painted the Mona Lisa",
        "Leonardo da Vinci painted the Mona Lisa in the early sixteenth century; it hangs in the Louvre.",
    ),
    (
        "tallest mountain in the world",
        "Mount Everest, on the border of Nepal and China, rises about 8,849 metres above sea level.",
    ),
    (
        "how does a refrigerator keep food cold",
        "A refrigerator pumps a refrigerant that absorbs heat inside the cabinet and releases it outside.",
    ),
    (
        "best way to learn a new language",
        "Daily practice, speaking with native speakers and spaced repetition of vocabulary speed up language learning.",
    ),
    (
        "what is the capital of Australia",
        "Canberra, not Sydney, is the capital city of Australia and seat of its federal parliament.",
    ),
    (
        "how many players on a football team",
        "An association football team fields eleven players, including one goalkeeper.",
    ),
    (
        "why do cats purr",
        "Cats purr by vibrating muscles in the larynx, often when content but also to soothe themselves.",
    ),
    (
        "how to remove a coffee stain from a shirt",
        "Blot the coffee, rinse from the back with cold water, then treat with liquid detergent before washing.",
    ),
    (
        "when did humans first land on the moon",
        "Apollo 11 landed on the Moon in July 1969, and Neil Armstrong was the first person to walk there.",
    ),
    ("what is the speed of light", "Light travels through a vacuum at about 299,792 kilometres per second."),
    (
        "how do vaccines train the immune system",
        "A vaccine shows the immune system a harmless piece or copy of a pathogen so it learns to recognise it.",
    ),
    (
        "what makes bread rise",
        "Yeast ferments sugars in the dough and releases carbon dioxide gas, which makes bread rise.",
    ),
    (
        "largest ocean on earth",
        "The Pacific is the largest and deepest ocean, covering about a third of the planet's surface.",
    ),
    (
        "how do bees make honey",
        "Bees collect nectar, add enzymes and fan it with their wings in the hive until it thickens into honey.",
    ),
    ("who wrote Romeo and Juliet", "William Shakespeare wrote the tragedy Romeo and Juliet in the 1590s."),
    (
        "why do we need sleep",
        "Sleep lets the brain consolidate memories and the body repair tissue and regulate hormones.",
    ),
    (
        "how does a bicycle stay upright",
        "A moving bicycle stays up because the rider steers into a fall and the wheels' geometry self-corrects.",
    ),
    (
        "what is the boiling point of water at sea level",
        "At sea-level pressure, pure water boils at 100 degrees Celsius, or 212 degrees Fahrenheit.",
    ),
    (
        "how to care for a houseplant",
        "Most houseplants need bright indirect light, watering when the topsoil is dry, and a pot that drains.",
    ),
    (
        "what do pandas eat",
        "Giant pandas eat almost nothing but bamboo, spending up to fourteen hours a day feeding.",
    ),
    (
        "how do earthquakes happen",
        "Earthquakes occur when stress on a fault in Earth's crust is released suddenly as seismic waves.",
    ),
    (
        "how many bones in the adult human body",
        "An adult human skeleton usually has 206 bones; babies are born with more that later fuse.",
    ),
    (
        "what is the internet",
        "The internet is a global network of computer networks that exchange data using common protocols.",
    ),
    (
        "how to tie a bowline knot",
        "Make a small loop, pass the end up through it, around the standing line and back down the loop.",
    ),
    (
        "why do leaves change colour in autumn",
        "As days shorten, trees stop making chlorophyll, revealing yellow pigments and producing red ones.",
    ),
    (
        "what is the longest river in Africa",
        "The Nile, flowing north to the Mediterranean, is the longest river in Africa.",
    ),
    (
        "how does a rainbow form",
        "Sunlight is refracted, reflected and dispersed inside raindrops, splitting it into a spectrum of colours.",
    ),
    (
        "what language is spoken in Brazil",
        "Portuguese is the official and most widely spoken language of Brazil.",
    ),
]


def build(root: Path) -> list[str]:
    for what, texts in (("query", [q for q, _ in PAIRS]), ("passage", [p for _, p in PAIRS])):
        if len(set(texts)) != len(texts):
            raise DataError(f"duplicate {what} in PAIRS")
    corpus = [{"_id": f"g-d{i:02d}", "title": "", "text": p} for i, (_, p) in enumerate(PAIRS)]
    queries = [{"_id": f"g-q{i:02d}", "text": q, "tags": ["direct"]} for i, (q, _) in enumerate(PAIRS)]
    qrels = {"test": [(f"g-q{i:02d}", f"g-d{i:02d}") for i in range(len(PAIRS))]}
    out = write_beir(root / "general", corpus, queries, qrels)
    return [f"general: {len(PAIRS)} queries, {len(PAIRS)} passages -> {out}"]


if __name__ == "__main__":
    raise SystemExit(main(build, description=__doc__.splitlines()[0]))
