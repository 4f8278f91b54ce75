using ClaimTracker.Api.Anchoring;

namespace ClaimTracker.Tests.Extraction;

/// <summary>Quotation marks, dashes, multi-sentence quotations and offsets past the Basic Multilingual Plane.</summary>
public sealed class TextFormTests
{
    [Theory]
    [InlineData("“We will respond,” the ministry said.")]
    [InlineData("\"We will respond,\" the ministry said.")]
    [InlineData("«We will respond,» the ministry said.")]
    [InlineData("''We will respond,'' the ministry said.")]
    public void Curly_straight_angle_and_two_apostrophe_quotes_give_the_same_direct_content(string text)
    {
        var a = PatternTests.Single(text);
        Assert.Equal(("We will respond", true, "the ministry"), (a.Content.Text, a.Direct, a.Source?.Text));
    }

    [Fact]
    public void A_multi_sentence_quotation_stays_whole()
    {
        var a = PatternTests.Single("“We are ready. We will respond. Nobody should doubt it,” the ministry said.");
        Assert.Equal("We are ready. We will respond. Nobody should doubt it", a.Content.Text);
        var b = PatternTests.Single("The ministry said: “We are ready. We will respond.”");
        Assert.Equal("We are ready. We will respond", b.Content.Text);
    }

    [Fact]
    public void Em_dashes_inside_content_and_a_closing_credit_are_handled()
    {
        var found = PatternTests.Extractor.Extract("The launch — the third this year — failed, Yonhap said. — AFP");
        var a = Assert.Single(found);
        Assert.Equal("The launch — the third this year — failed", a.Content.Text);
    }

    [Fact]
    public void A_dateline_is_not_content()
    {
        var a = PatternTests.Single("SEOUL, Nov 19 — The launch failed, Yonhap said.");
        Assert.Equal("The launch failed", a.Content.Text);
    }

    [Fact]
    public void Offsets_count_code_points_past_the_basic_multilingual_plane()
    {
        // 😀 and 𝒳 each take two UTF-16 code units but one code point.
        const string text = "Emoji 😀 first. “The 𝒳 launch failed,” Yonhap said.";
        var a = PatternTests.Single(text);
        Assert.Equal("The 𝒳 launch failed", a.Content.Text);
        Assert.Equal(CodePoints.FromUtf16(text, text.IndexOf("The", StringComparison.Ordinal)), a.Content.Start);
        Assert.Equal(16, a.Content.Start);
        Assert.Equal(a.Content.Start + 19, a.Content.End);
        var codePoints = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        Assert.Equal("Yonhap", string.Concat(codePoints[a.Source!.Start..a.Source.End]));
        Assert.Equal("said", string.Concat(codePoints[a.Cue.Start..a.Cue.End]));
    }
}
