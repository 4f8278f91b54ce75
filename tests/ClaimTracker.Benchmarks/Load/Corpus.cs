using System.Globalization;
using System.Text;

namespace ClaimTracker.Benchmarks.Load;

/// <summary>
/// The words the synthetic data is made of: claim templates over the matcher's actors, source names
/// (some accented), and a Zipf-distributed vocabulary for the rest of the text, so that a few words are
/// common and most are rare, as in news copy. Everything is drawn from a seeded <see cref="Random"/>.
/// </summary>
public static class Corpus
{
    public static readonly string[] Actors =
    [
        "North Korea", "South Korea", "Russia", "Ukraine", "the United States", "China", "Japan", "France", "Germany", "Iran", "Israel",
        "India", "Brazil", "Turkey", "Poland", "Syria", "Egypt", "Mexico", "Canada", "Australia", "Nigeria", "Kenya", "Pakistan",
        "Indonesia", "Saudi Arabia", "Venezuela", "Cuba", "Vietnam", "Argentina", "Colombia",
    ];

    // The matcher's other names for an actor, used when a quote rewords a claim.
    private static readonly Dictionary<string, string[]> ActorWordings = new()
    {
        ["North Korea"] = ["Pyongyang", "the DPRK"], ["South Korea"] = ["Seoul"], ["Russia"] = ["Moscow", "the Kremlin"],
        ["Ukraine"] = ["Kyiv"], ["the United States"] = ["Washington", "the U.S."], ["China"] = ["Beijing"], ["Japan"] = ["Tokyo"],
    };

    private static readonly string[] Troops = ["soldiers", "troops", "personnel", "fighters"];
    private static readonly string[] Sent = ["sent", "deployed", "dispatched"];
    private static readonly string[] Weapons = ["artillery shells", "drones", "missiles", "tanks", "rocket launchers", "air-defence systems"];
    private static readonly string[] Officials = ["foreign minister", "defence minister", "prime minister", "president", "central bank governor", "trade envoy", "energy minister"];
    public static readonly string[] Topics =
    [
        "energy", "grain", "climate", "defence", "health", "vaccine", "trade", "nuclear", "fishing", "migration", "cyber", "election",
        "water", "mining", "tourism", "shipping", "pension", "housing", "education", "farming", "banking", "space", "railway", "telecom",
        "refugee", "border", "tariff", "sanctions", "fertiliser", "aviation", "textile", "forestry", "drought", "flood", "wildfire",
        "inflation", "currency", "debt", "privacy", "semiconductor",
    ];
    private static readonly string[] Commodities = ["wheat", "crude oil", "natural gas", "steel", "coal", "rice", "copper", "lithium", "cobalt", "fertiliser", "sugar", "coffee", "cotton", "uranium", "maize"];
    public static readonly string[] Cities =
    [
        "Pyongyang", "Seoul", "Moscow", "Kyiv", "Washington", "Beijing", "Tokyo", "Paris", "Berlin", "Tehran", "Jerusalem", "New Delhi",
        "Brasília", "Ankara", "Warsaw", "Damascus", "Cairo", "Mexico City", "Ottawa", "Canberra", "Abuja", "Nairobi", "Islamabad",
        "Jakarta", "Riyadh", "Caracas", "Havana", "Hanoi", "Buenos Aires", "Bogotá", "Geneva", "Vienna", "Doha", "Istanbul", "São Paulo",
        "Kraków", "Zürich", "Reykjavík", "Düsseldorf", "Málaga",
    ];
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] Quantities = ["500", "1,000", "2,500", "3,000", "8,000", "10,000", "12,000", "15,000", "40,000", "100,000", "150,000", "1.5 million", "two million", "ten thousand"];

    private static readonly string[] FirstNames =
    [
        "Anna", "José", "Maria", "Kim", "Li", "Ahmed", "Olga", "Pierre", "Søren", "Zoë", "Łukasz", "Ngozi", "Hiroshi", "Fatima", "Carlos",
        "Ingrid", "Dmitri", "Amara", "Mateus", "Chloé", "Yusuf", "Priya", "Tomás", "Aleksandra", "Kwame", "Mei", "Rafael", "Elif",
        "Jonas", "Noura", "Björn", "Ayşe", "Mikhail", "Lucía", "Oluwaseun", "Hana", "Jean-Luc", "Svetlana", "Diego", "Yuki",
    ];
    private static readonly string[] LastNames =
    [
        "Müller", "Kim", "Pérez", "Nguyễn", "Petrov", "Okafor", "Tanaka", "Dubois", "Kowalski", "Haddad", "Silva", "Jensen", "Çelik",
        "Novak", "Rossi", "Hernández", "Ivanova", "Mensah", "Sato", "Lefèvre", "Andersson", "Yilmaz", "Costa", "Horvat", "Nakamura",
        "García", "Schmidt", "Wiśniewski", "Adeyemi", "Park", "Moreau", "Kuznetsov", "Chowdhury", "Oliveira", "Fischer", "Bianchi",
        "Jovanović", "Lindqvist", "Mahlangu", "Takahashi", "Ramírez", "Zhou", "Ferreira", "Popescu", "Ali", "Öztürk", "Byrne", "Kaur",
    ];
    private static readonly string[] Bodies = ["Ministry of Defence", "Foreign Ministry", "Ministry of Energy", "Central Bank", "Statistics Office", "Health Ministry", "Trade Ministry", "Coast Guard", "Election Commission", "Army General Staff"];
    private static readonly string[] Papers = ["Times", "Herald", "Post", "Daily", "Tribune", "Gazette", "Observer", "Courier", "Chronicle", "Dispatch"];

    private static readonly (string Cue, string Stance)[] Cues =
    [
        ("said", "asserts"), ("said", "asserts"), ("said", "asserts"), ("told reporters", "asserts"), ("claimed", "asserts"),
        ("stated", "asserts"), ("announced", "asserts"), ("alleged", "asserts"), ("warned", "asserts"), ("insisted", "asserts"),
        ("denied", "denies"), ("rejected claims", "denies"), ("suggested", "speculates"), ("speculated", "speculates"),
        ("questioned whether", "questions"), ("retracted the claim", "retracts"),
    ];

    public static readonly string[] Stances = ["asserts", "denies", "speculates", "questions", "retracts"];

    // The head of the Zipf vocabulary: words every text has.
    private static readonly string[] CommonWords =
        ("the of and to in a that for on with as by at from was is it its said has have were be this which an not but after "
         + "their they he she had been are more than also who over will would about into its government officials year new two last "
         + "week people country minister report according statement told since while during against under before percent military").Split(' ');

    // The body of the vocabulary: newsroom words; the tail is made of syllables (rare names and terms).
    private static readonly string[] DomainWords =
        ("agreement border ceasefire delegation economy election embassy exports imports investigation parliament president "
         + "protest refugees sanctions security spokesman summit talks treaty troops ukraine russia korea china nuclear missile "
         + "pipeline harvest inflation budget reform coalition opposition court ruling verdict prosecutor journalist newspaper "
         + "broadcast agency analysts figures survey data census poll turnout ballot campaign candidate mayor governor province "
         + "region capital village coast island port airport railway bridge highway factory mine refinery plant reactor satellite "
         + "launch drone artillery shelling offensive counteroffensive frontline casualties wounded evacuated humanitarian aid "
         + "convoy shipment cargo vessel tanker fleet navy army airforce general commander battalion brigade regiment veterans "
         + "pension salary wages strike union workers farmers fishermen students teachers doctors nurses hospital clinic vaccine "
         + "outbreak virus drought flood storm earthquake wildfire emissions carbon solar wind coal gas oil grain wheat fertiliser "
         + "tariff quota subsidy loan debt bond currency reserves deficit surplus growth recession unemployment prices rent housing "
         + "cyberattack hackers leak documents archive memo briefing hearing testimony committee inquiry scandal resignation "
         + "appointment cabinet decree law amendment constitution referendum sovereignty annexation occupation withdrawal "
         + "negotiations mediation envoy diplomat ambassador alliance partnership cooperation exercise drills manoeuvres").Split(' ');

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ran", "te", "vo", "shi", "dar", "en", "ul", "bra", "zet", "po", "qui", "na", "sol", "tri", "gu", "fen", "ho", "ax", "ber", "lin", "mo"];

    public static readonly string[] Vocabulary = BuildVocabulary();

    private static string[] BuildVocabulary()
    {
        var rng = new Random(7);
        var tail = new HashSet<string>();
        while (tail.Count < 6000)
            tail.Add(string.Concat(Enumerable.Range(0, rng.Next(2, 4)).Select(_ => Syllables[rng.Next(Syllables.Length)])));
        return [.. CommonWords.Distinct(), .. DomainWords.Distinct().Except(CommonWords), .. tail.Order(StringComparer.Ordinal).Except(DomainWords)];
    }

    /// <summary>Words a reader might search for: the newsroom words and the rare tail, not the function words.</summary>
    public static IReadOnlyList<string> SearchableWords { get; } = Vocabulary.Skip(CommonWords.Distinct().Count()).ToArray();

    private static readonly double[] ZipfCumulative = BuildZipf(Vocabulary.Length, 1.0);

    private static double[] BuildZipf(int n, double s)
    {
        var cumulative = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++) cumulative[i] = sum += 1 / Math.Pow(i + 1, s);
        for (var i = 0; i < n; i++) cumulative[i] /= sum;
        return cumulative;
    }

    public static string Word(Random rng)
    {
        var index = Array.BinarySearch(ZipfCumulative, rng.NextDouble());
        return Vocabulary[Math.Min(index < 0 ? ~index : index, Vocabulary.Length - 1)];
    }

    /// <summary>A sentence of newsroom filler, ending with a full stop; now and then it mentions a city or a post on 𝕏 (outside the BMP).</summary>
    public static void Filler(Random rng, StringBuilder text)
    {
        var words = rng.Next(8, 19);
        var start = text.Length;
        for (var i = 0; i < words; i++)
        {
            if (i > 0) text.Append(i % 7 == 0 && rng.Next(3) == 0 ? ", " : " ");
            text.Append(rng.Next(40) == 0 ? Cities[rng.Next(Cities.Length)] : Word(rng));
        }
        if (rng.Next(25) == 0) text.Append(" in a post on 𝕏");
        text[start] = char.ToUpperInvariant(text[start]);
        text.Append(". ");
    }

    /// <summary>
    /// A claim as a template and its slot values, rebuilt from the claim id alone, so that a quote
    /// generated long after the claim can reword the same statement.
    /// </summary>
    public static string Claim(int seed, long claimId, bool reworded, Random? wording = null)
    {
        var rng = new Random(unchecked((int)(seed * 1_000_003L + claimId * 2_654_435_761L >> 7))); // HashCode is randomized per process
        var a = rng.Next(Actors.Length);
        var b = (a + 1 + rng.Next(Actors.Length - 1)) % Actors.Length;
        var w = wording ?? rng;
        string A(int i, bool start = false)
        {
            var name = reworded && ActorWordings.TryGetValue(Actors[i], out var others) && w.Next(2) == 0 ? others[w.Next(others.Length)] : Actors[i];
            return start && name.StartsWith("the ", StringComparison.Ordinal) ? "The" + name[3..] : name;
        }
        string Pick(string[] words) => words[rng.Next(words.Length)];
        string Reword(string canonical, string[] variants) => reworded && w.Next(2) == 0 ? variants[w.Next(variants.Length)] : canonical;
        var quantity = Pick(Quantities);
        var year = 2015 + rng.Next(11);
        var percent = rng.Next(1, 40).ToString(CultureInfo.InvariantCulture) + (rng.Next(2) == 0 ? "" : "." + rng.Next(10).ToString(CultureInfo.InvariantCulture));
        var topic = Pick(Topics);
        var month = Pick(Months);
        var commodity = Pick(Commodities);
        var official = Pick(Officials);
        var city = Pick(Cities);
        var troops = Pick(Troops);
        var weapon = Pick(Weapons);
        return rng.Next(12) switch
        {
            0 => $"{A(a, true)} has {Reword("sent", Sent)} more than {quantity} {Reword(troops, Troops)} to help {A(b)} fight in {city}",
            1 => $"{A(a, true)} has {Reword("deployed", Sent)} {quantity} {weapon} near its border with {A(b)}",
            2 => $"{A(a, true)}'s {official} met {A(b)}'s {Pick(Officials)} in {city} to discuss {topic} cooperation",
            3 => $"{A(a, true)} will cut {topic} spending by {percent} percent in {year}",
            4 => $"{A(a, true)} imported {quantity} tonnes of {commodity} from {A(b)} in {year}",
            5 => $"{A(a, true)} has banned exports of {commodity} to {A(b)} since {month} {year}",
            6 => $"Unemployment in {A(a)} rose to {percent} percent in {month} {year}",
            7 => $"{A(a, true)} launched {quantity} {weapon} toward {A(b)} between {month} and {Pick(Months)} {year}",
            8 => $"{A(a, true)} has received {quantity} dollars in {topic} aid from {A(b)} since {year}",
            9 => $"{A(a, true)}'s {official} resigned over a {topic} scandal in {month} {year}",
            10 => $"Inflation in {A(a)} reached {percent} percent in {month} {year}, the highest since {year - 1 - rng.Next(30)}",
            _ => $"{A(a, true)} and {A(b)} signed a {topic} agreement worth {quantity} dollars in {city} in {year}",
        };
    }

    public static (string Cue, string Stance) Cue(Random rng) => Cues[rng.Next(Cues.Length)];

    public static string PersonName(Random rng) =>
        $"{FirstNames[rng.Next(FirstNames.Length)]} {(rng.Next(3) == 0 ? (char)('A' + rng.Next(26)) + ". " : "")}{LastNames[rng.Next(LastNames.Length)]}";

    public static string LastName(string person) => person.Split(' ')[^1];

    public static string Body(Random rng) => $"{Actors[rng.Next(Actors.Length)].Replace("the ", "", StringComparison.Ordinal)} {Bodies[rng.Next(Bodies.Length)]}";

    public static string Paper(Random rng) => $"{Cities[rng.Next(Cities.Length)]} {Papers[rng.Next(Papers.Length)]}";

    public static string Acronym(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0]));
}
