using ClaimTracker.Api.Attributions;
using ClaimTracker.Api.Claims;
using ClaimTracker.Api.Reviews;
using ClaimTracker.Api.Sources;

namespace ClaimTracker.Api.Seed;

/// <summary>The sources, claims and attributions of the AFP dispatch, as SPEC.md's table gives them and as the text supports.</summary>
public static class WorkedExampleData
{
    public static readonly SourceInput[] Sources =
    [
        new() { Slug = "afp", Name = "Agence France-Presse", Kind = SourceKind.news_agency, Country = "FR", Aliases = ["AFP"],
                Url = "https://www.afp.com", WikidataId = "Q40464", Description = "French international news agency; publisher of the worked example." },
        new() { Slug = "north-korea-government", Name = "Government of North Korea", Kind = SourceKind.government, Country = "KP",
                Aliases = ["North Korea", "Pyongyang", "DPRK", "the North"] },
        new() { Slug = "kcna", Name = "Korean Central News Agency", Kind = SourceKind.state_media, Country = "KP",
                Aliases = ["KCNA", "North Korean state media", "state-run Korean Central News Agency"], AffiliationId = "north-korea-government",
                Description = "North Korea's state news agency." },
        new() { Slug = "kns", Name = "Korea News Service", Kind = SourceKind.news_agency, Country = "JP", Aliases = ["KNS"],
                Description = "Tokyo-based agency that distributes North Korean state media's photos abroad." },
        new() { Slug = "us-government", Name = "United States government", Kind = SourceKind.government, Country = "US",
                Aliases = ["The United States", "United States", "Washington", "US", "U.S."], WikidataId = "Q48525" },
        new() { Slug = "south-korea-government", Name = "Government of South Korea", Kind = SourceKind.government, Country = "KR",
                Aliases = ["South Korea", "Seoul", "ROK"] },
        new() { Slug = "unnamed-experts", Name = "Unnamed experts", Kind = SourceKind.unnamed, Aliases = ["experts", "analysts"],
                Description = "Experts quoted without names." },
        new() { Slug = "the-west", Name = "The West", Kind = SourceKind.collective, Aliases = ["Western governments", "Western countries"],
                Description = "Western governments as a group, as news texts speak of them." },
        new() { Slug = "kim-jong-un", Name = "Kim Jong-un", Kind = SourceKind.person, Country = "KP", Aliases = ["Kim", "Kim Jong Un"],
                AffiliationId = "north-korea-government", Description = "Leader of North Korea." },
    ];

    private const string Nov18 = "2024-11-18";
    private const string Nov19 = "2024-11-19";

    public static readonly (ClaimInput Claim, SeedAttribution[] Said)[] Claims =
    [
        (Claim("Kim Jong-un met Russia's natural resources minister Alexander Kozlov in Pyongyang"),
        [
            new("kcna", "reported", Stance.asserts, "North Korean leader Kim Jong-un met yesterday with Russia’s natural resources minister in Pyongyang", Nov19),
            new("kcna", "said", Stance.asserts, "Kim met with Russian Minister of Natural Resources and Ecology Alexander Kozlov", Nov19),
        ]),
        (Claim("The meeting between Kim Jong-un and Alexander Kozlov proceeded in a friendly and sincere atmosphere"),
        [
            new("kcna", "said", Stance.asserts, "proceeded in a friendly and sincere atmosphere", Nov19, Direct: true),
        ]),
        (Claim("North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine", "north-korea", "russia", "ukraine-war"),
        [
            new("us-government", "have accused", Stance.asserts, "the nuclear-armed North of sending more than 10,000 soldiers to help Russia fight Ukraine", Nov19),
            new("south-korea-government", "have accused", Stance.asserts, "the nuclear-armed North of sending more than 10,000 soldiers to help Russia fight Ukraine", Nov19),
        ]),
        (Claim("Kim Jong-un is eager for Moscow's advanced technology and battle experience for his troops"),
        [
            new("unnamed-experts", "saying", Stance.asserts, "Kim was eager for Moscow’s advanced technology, plus battle experience for his troops, in return", Nov19),
        ]),
        (Claim("Russia is offering technological support that could advance North Korea's nuclear weapons programme", "north-korea", "nuclear"),
        [
            new("the-west", "fears", Stance.speculates, "Russia is offering technological support that could advance Pyongyang’s nuclear weapons programme", Nov19),
        ]),
        (Claim("North Korean troops have begun combat operations alongside Russian forces", "north-korea", "ukraine-war"),
        [
            new("us-government", "has said", Stance.asserts, "North Korean troops have begun combat operations alongside Russian forces", Nov19),
        ]),
        (Claim("Alexander Kozlov was welcomed at Pyongyang International Airport on 17 November 2024"),
        [
            new("kcna", "released", Stance.asserts,
                "Russia’s Minister of Natural Resources and Ecology Alexander Kozlov (left) being welcomed upon his arrival at Pyongyang International Airport",
                Nov18, Via: ["kns", "afp"]),
        ]),
        (Claim("A delegation from a Russian military academy arrived in Pyongyang"),
        [
            new("kcna", "said", Stance.asserts, "a delegation from a Russian military academy also arrived in the North Korean capital", Nov19),
        ]),
        (Claim("Kim Jong-un called for further promoting trade and scientific and technological exchange with Russia"),
        [
            new("kim-jong-un", "called for", Stance.asserts, "for “further promoting” trade as well as “scientific and technological exchange,”", Nov18,
                Direct: true, Via: ["kcna"]),
        ]),
        (Claim("Alexander Kozlov is leading a delegation to an inter-governmental panel on cooperation in trade, economy, science and technology"),
        [
            new("kcna", "said", Stance.asserts,
                "who is leading a delegation to an inter-governmental panel on “cooperation in trade, economy, science and technology,”", Nov19),
        ]),
    ];

    /// <summary>The index in <see cref="Claims"/> of the 10,000-soldiers claim, which the demonstration review judges.</summary>
    public const int SoldiersClaim = 2;

    /// <summary>A demonstration verdict, so that a newcomer sees a reviewed claim; it names this demo as its reviewer.</summary>
    public static readonly ReviewInput SoldiersReview = new()
    {
        Rating = Rating.mostly_true,
        TextualRating = "Mostly true",
        Reviewer = "ClaimTracker demo desk",
        Summary = "Demonstration review. Intelligence assessments by the United States, South Korea and NATO in late 2024 put "
            + "North Korean troops in Russia at more than 10,000; the figure has not been independently verified on the ground.",
        PublishedAt = new DateTimeOffset(2024, 11, 20, 0, 0, 0, TimeSpan.Zero),
    };

    private static ClaimInput Claim(string text, params string[] topics) => new() { Text = text, Language = "en", Topics = [.. topics] };
}
