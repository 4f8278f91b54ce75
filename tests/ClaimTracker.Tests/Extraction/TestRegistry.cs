using ClaimTracker.Api.Extraction;

namespace ClaimTracker.Tests.Extraction;

/// <summary>
/// The registry the labelled sets are scored against: the worked example's sources plus others a Korea/Russia desk
/// would hold. Ids double as slugs; the labels' <c>sourceId</c> fields refer to these.
/// </summary>
public static class TestRegistry
{
    public static IReadOnlyList<KnownSource> Sources { get; } =
    [
        Source("kcna", "Korean Central News Agency", "state_media", "KP", ["KCNA"], "kp-government"),
        Source("rodong-sinmun", "Rodong Sinmun", "state_media", "KP", [], "kp-government"),
        Source("kns", "Korea News Service", "news_agency", "JP", ["KNS"]),
        Source("afp", "Agence France-Presse", "news_agency", "FR", ["AFP"]),
        Source("yonhap", "Yonhap News Agency", "news_agency", "KR", ["Yonhap"]),
        Source("tass", "TASS", "state_media", "RU", ["Tass"], "ru-government"),
        Source("xinhua", "Xinhua News Agency", "state_media", "CN", ["Xinhua"], "cn-government"),
        Source("us-government", "United States government", "government", "US", ["United States", "US", "U.S.", "Washington", "America"]),
        Source("kr-government", "South Korean government", "government", "KR", ["South Korea", "Seoul"]),
        Source("kp-government", "North Korean government", "government", "KP", ["North Korea", "Pyongyang", "DPRK"]),
        Source("ru-government", "Russian government", "government", "RU", ["Russia", "Moscow", "Kremlin"]),
        Source("cn-government", "Chinese government", "government", "CN", ["China", "Beijing"]),
        Source("jp-government", "Japanese government", "government", "JP", ["Japan", "Tokyo"]),
        Source("ua-government", "Ukrainian government", "government", "UA", ["Ukraine", "Kyiv"]),
        Source("pentagon", "US Department of Defense", "government_body", "US", ["Pentagon", "Defense Department", "Department of Defense"], "us-government"),
        Source("kr-jcs", "Joint Chiefs of Staff (South Korea)", "government_body", "KR", ["JCS", "Joint Chiefs of Staff"], "kr-government"),
        Source("kr-nis", "National Intelligence Service", "government_body", "KR", ["NIS"], "kr-government"),
        Source("kr-unification-ministry", "Ministry of Unification", "government_body", "KR", ["Unification Ministry"], "kr-government"),
        Source("un", "United Nations", "organization", null, ["UN", "U.N."]),
        Source("iaea", "International Atomic Energy Agency", "organization", null, ["IAEA"]),
        Source("kim-jong-un", "Kim Jong-un", "person", "KP", ["Kim", "Kim Jong Un"], "kp-government"),
        Source("kim-yo-jong", "Kim Yo-jong", "person", "KP", ["Kim Yo Jong"], "kp-government"),
        Source("vladimir-putin", "Vladimir Putin", "person", "RU", ["Putin"], "ru-government"),
        Source("volodymyr-zelensky", "Volodymyr Zelensky", "person", "UA", ["Zelensky"], "ua-government"),
    ];

    private static KnownSource Source(string id, string name, string kind, string? country, string[] aliases, string? affiliation = null) =>
        new(id, id, name, kind, country, aliases, affiliation);
}
