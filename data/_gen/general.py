"""Generator for the general-knowledge probe (data/general), BEIR format, test split only.

Everyday questions, each with exactly one relevant passage and three near misses (same subject or
shared words, no answer), written for this course. Notebooks 04 and 08 use it to check that a domain adapter does not make the model worse on everyday queries
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

# Three near misses per question, in PAIRS' order: on the question's subject or sharing its words, written
# for this course so that none answers it. Without them, 32 passages plus domain distractors left the base
# model at nDCG@10 0.99: a probe at the ceiling cannot show forgetting. With them, a model must still tell
# an answer from a passage about the same thing, the skill an adapter can lose.
NEAR_MISSES = [
    (
        "Plants take up water and dissolved minerals through their roots; the water rises up the stem in the xylem.",
        "Many gardeners feed their plants a fertiliser rich in nitrogen, phosphorus and potassium to boost growth.",
        "Which plants make good food for rabbits? Dandelions, clover and carrot tops are safe choices.",
    ),
    (
        "The sky is dark at night because the Sun is below the horizon and no sunlight reaches the air above us.",
        "Blue pigments are rare in nature: the blue of a jay's feathers comes from their structure, not from a dye.",
        "Sky blue is a pale shade of blue, named after the colour of a clear daytime sky.",
    ),
    (
        "Earth takes about 365.25 days to orbit the Sun, which is why a leap day is added every four years.",
        "Seasonal fruit and vegetables are cheaper and fresher when bought at the height of their harvest.",
        "Seasons on Earth are not alike everywhere: near the equator summer and winter differ little.",
    ),
    (
        "Eggs keep for several weeks in the fridge; a stale egg floats when placed in a bowl of water.",
        "To poach an egg, crack it into gently simmering water with a dash of vinegar and lift it out with a slotted spoon.",
        "A hard-boiled egg with a grey-green ring around the yolk has simply been boiled for too long.",
    ),
    (
        "The Mona Lisa was stolen from the Louvre in 1911 and recovered in Florence two years later.",
        "Vincent van Gogh painted The Starry Night in 1889 while staying at an asylum in Saint-Remy.",
        "The Mona Lisa is painted in oil on a poplar panel and is smaller than most visitors expect.",
    ),
    (
        "K2, on the border of Pakistan and China, is thought to be the most dangerous of the high peaks to climb.",
        "On a mountain the air cools by roughly six degrees Celsius for every thousand metres you climb.",
        "The tallest mountain in the Alps is Mont Blanc, at about 4,806 metres.",
    ),
    (
        "Put cooked leftovers in the refrigerator within two hours and eat them within three or four days.",
        "A freezer should be kept at minus eighteen degrees Celsius, cold enough to stop bacteria from growing.",
        "Keep the refrigerator door shut and do not overfill it, so that cold air can circulate around the food.",
    ),
    (
        "Mandarin Chinese has the most native speakers of any language, while English is the most widely studied.",
        "Children who grow up hearing two languages usually learn both without mixing them up.",
        "Learning a new language in later life is said to help keep the memory sharp.",
    ),
    (
        "Sydney is Australia's largest city, famous for its opera house and its harbour bridge.",
        "Australia is divided into six states and two mainland territories, each with its own parliament.",
        "The capital of New Zealand is Wellington, at the southern tip of the North Island.",
    ),
    (
        "A basketball team has five players on the court at any one time.",
        "A football match lasts ninety minutes, split into two halves of forty-five minutes each.",
        "A rugby union team fields fifteen players, more than any other code of football.",
    ),
    (
        "Cats sleep for twelve to sixteen hours a day and are most active at dawn and dusk.",
        "A dog wags its tail to signal its mood, and the side it wags towards can differ with the emotion.",
        "Lions and tigers roar instead of purring; the cats that purr are mostly the smaller ones.",
    ),
    (
        "Coffee contains caffeine, which blocks adenosine receptors in the brain and makes people feel alert.",
        "Iron a cotton shirt while it is still slightly damp, working from the collar down to the hem.",
        "Red wine stains come out of a tablecloth if you cover them with salt and then rinse in cold water.",
    ),
    (
        "The Moon orbits Earth about once every 27 days and always turns the same face towards us.",
        "Yuri Gagarin became the first person in space when he orbited Earth in April 1961.",
        "The last humans to walk on the Moon left it in December 1972, at the end of Apollo 17.",
    ),
    (
        "Sound travels through air at about 343 metres per second, far more slowly than light.",
        "A light year is the distance light travels in one year, a unit for the distances between stars.",
        "Nothing with mass can travel at the speed of light, according to Einstein's theory of relativity.",
    ),
    (
        "Antibiotics kill bacteria or stop them growing, but they do nothing against viruses.",
        "Edward Jenner developed the first vaccine in 1796, to protect people against smallpox.",
        "The immune system includes the white blood cells, the lymph nodes, the spleen and the bone marrow.",
    ),
    (
        "Sourdough bread has a tangy flavour and keeps longer than bread made with commercial yeast.",
        "Bread goes stale because its starch recrystallises and pushes out moisture, even in a sealed bag.",
        "Flatbreads such as chapati and tortillas are made without yeast and do not rise.",
    ),
    (
        "The Atlantic Ocean separates the Americas from Europe and Africa and is the second largest ocean.",
        "The oceans absorb about a quarter of the carbon dioxide that human activity releases.",
        "The Arctic is the smallest and shallowest of the world's five oceans.",
    ),
    (
        "Honey hardly ever spoils: its low water content and acidity stop bacteria from growing in it.",
        "Bees pollinate many food crops, carrying pollen from flower to flower as they forage.",
        "A honey bee colony has one queen, thousands of female workers and a few hundred male drones.",
    ),
    (
        "Romeo and Juliet is set in Verona, where the feuding Montague and Capulet families keep the lovers apart.",
        "Charles Dickens wrote Oliver Twist and A Christmas Carol in the nineteenth century.",
        "West Side Story moves the plot of Romeo and Juliet to the streets of New York in the 1950s.",
    ),
    (
        "Adults are advised to sleep seven to nine hours a night; teenagers need a little more.",
        "Some animals, such as bears, hibernate through the winter to save energy when food is scarce.",
        "Sleep apnoea makes breathing stop and start during the night and leaves people tired by day.",
    ),
    (
        "Check a bicycle's tyre pressure every week; the right pressure is printed on the side of the tyre.",
        "Clean and oil a bicycle chain regularly to stop it rusting and wearing down the gears.",
        "A bicycle standing still falls over unless it rests on a kickstand or against a wall.",
    ),
    (
        "Water freezes at zero degrees Celsius and is at its densest at about four degrees.",
        "High on a mountain water boils at a lower temperature, so pasta takes longer to cook there.",
        "Salt added to cooking water raises its boiling point by only a fraction of a degree.",
    ),
    (
        "The peace lily and the snake plant are said to be among the hardest houseplants to kill.",
        "Many common houseplants, lilies among them, are poisonous to cats and dogs.",
        "Houseplants became fashionable in Victorian Britain, when ferns filled glass cases in parlours.",
    ),
    (
        "Red pandas are not close relatives of giant pandas and live in the forests of the Himalayas.",
        "Giant pandas live in the mountain forests of central China, and fewer than two thousand remain in the wild.",
        "A newborn giant panda weighs about one hundred grams, a nine-hundredth of its mother's weight.",
    ),
    (
        "The moment magnitude scale measures how much energy an earthquake releases.",
        "In an earthquake, drop to the ground, take cover under a sturdy table and hold on until the shaking stops.",
        "Japan, Chile and Indonesia lie on the Pacific Ring of Fire and have frequent earthquakes.",
    ),
    (
        "The femur, or thigh bone, is the longest and strongest bone in the human body.",
        "Calcium and vitamin D help keep bones strong as we grow older.",
        "The smallest bone in the human body is the stirrup, in the middle ear.",
    ),
    (
        "The world wide web, invented by Tim Berners-Lee in 1989, is a system of linked pages reached over the internet.",
        "If your home internet connection keeps dropping, restart the router and check its cables.",
        "About two thirds of the world's people use the internet, most of them on a mobile phone.",
    ),
    (
        "A reef knot joins two ropes of the same thickness and is used to tie bandages.",
        "Sailors use the bowline to make a fixed loop at the end of a rope that will not slip or jam.",
        "To tie a shoelace bow, cross the laces, make two loops and pull them through each other.",
    ),
    (
        "Fallen autumn leaves make good compost: rake them into a pile and turn it every few weeks.",
        "Evergreen trees such as pines keep their needles all year round.",
        "Autumn in the northern hemisphere runs from September to November.",
    ),
    (
        "The Amazon in South America carries more water than any other river on Earth.",
        "The Congo is the deepest river in the world, more than 220 metres deep in places.",
        "The Nile delta, where the river fans out before it reaches the sea, holds most of Egypt's farmland.",
    ),
    (
        "By tradition a rainbow has seven colours: red, orange, yellow, green, blue, indigo and violet.",
        "Rain falls when water droplets in a cloud merge until they are too heavy to stay aloft.",
        "A double rainbow shows a second, fainter arc with its colours in reverse order.",
    ),
    (
        "Brazil is the largest country in South America, and its capital is Brasilia.",
        "Spanish is the official language of most countries in South America.",
        "The carnival in Rio de Janeiro draws millions of visitors to Brazil every February or March.",
    ),
]


def build(root: Path) -> list[str]:
    if len(NEAR_MISSES) != len(PAIRS):
        raise DataError(f"NEAR_MISSES has {len(NEAR_MISSES)} entries for {len(PAIRS)} questions: three each")
    passages = [p for _, p in PAIRS] + [t for pair in NEAR_MISSES for t in pair]
    for what, texts in (("query", [q for q, _ in PAIRS]), ("passage", passages)):
        if len(set(texts)) != len(texts):
            raise DataError(f"duplicate {what} in PAIRS / NEAR_MISSES")
    corpus = [{"_id": f"g-d{i:02d}", "title": "", "text": p} for i, (_, p) in enumerate(PAIRS)]
    corpus += [{"_id": f"g-n{i:02d}{ab}", "title": "", "text": t}
               for i, pair in enumerate(NEAR_MISSES) for ab, t in zip("abc", pair, strict=True)]
    queries = [{"_id": f"g-q{i:02d}", "text": q, "tags": ["direct"]} for i, (q, _) in enumerate(PAIRS)]
    qrels = {"test": [(f"g-q{i:02d}", f"g-d{i:02d}") for i in range(len(PAIRS))]}
    negatives = [(f"g-q{i:02d}", f"g-n{i:02d}{ab}") for i in range(len(PAIRS)) for ab in "abc"]
    out = write_beir(root / "general", corpus, queries, qrels, hard_negatives=negatives)
    return [f"general: {len(PAIRS)} queries, {len(corpus)} passages ({len(negatives)} near misses) -> {out}"]


if __name__ == "__main__":
    raise SystemExit(main(build, description=__doc__.splitlines()[0]))
