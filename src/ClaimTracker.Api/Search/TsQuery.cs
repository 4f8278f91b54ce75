using System.Text;

namespace ClaimTracker.Api.Search;

/// <summary>
/// PostgreSQL's forms of an expression <see cref="FtsQuery"/> wrote for FTS5 (quoted terms, a * after a prefix, AND, OR,
/// NOT and parentheses, every list and NOT in parentheses of its own, so precedence never decides): a tsquery text for
/// the word index, and a boolean SQL condition over claim_search.folded for substrings. Operators map one for one; every
/// term is quoted, so no input reaches the tsquery parser unescaped.
/// </summary>
internal sealed class TsQuery
{
    private enum Kind { Term, And, Or, Not, Open, Close }

    private sealed record Token(Kind Kind, string Text = "", bool Prefix = false);

    private readonly List<Token> tokens;

    private TsQuery(List<Token> tokens) => this.tokens = tokens;

    /// <summary>The expression's terms, in order: each substring condition's parameter (<c>@Gram0</c>, …).</summary>
    public IReadOnlyList<string> Terms => tokens.Where(t => t.Kind == Kind.Term).Select(t => t.Text).ToList();

    /// <summary>The expression's terms with whether each is a prefix, for highlighting whole words.</summary>
    public IReadOnlyList<(string Text, bool Prefix)> PhraseTerms =>
        tokens.Where(t => t.Kind == Kind.Term).Select(t => (t.Text, t.Prefix)).ToList();

    public static TsQuery Parse(string expression)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < expression.Length;)
        {
            var c = expression[i];
            if (c == ' ') { i++; continue; }
            if (c is '(' or ')') { tokens.Add(new Token(c == '(' ? Kind.Open : Kind.Close)); i++; continue; }
            if (c == '"')
            {
                var text = new StringBuilder();
                for (i++; i < expression.Length; i++)
                {
                    if (expression[i] != '"') text.Append(expression[i]);
                    else if (i + 1 < expression.Length && expression[i + 1] == '"') text.Append(expression[++i]);
                    else break;
                }
                i++;
                var prefix = i < expression.Length && expression[i] == '*';
                if (prefix) i++;
                tokens.Add(new Token(Kind.Term, text.ToString(), prefix));
                continue;
            }
            var end = expression.IndexOf(' ', i) is var space and >= 0 ? space : expression.Length;
            tokens.Add(expression[i..end] switch
            {
                "AND" => new Token(Kind.And),
                "OR" => new Token(Kind.Or),
                "NOT" => new Token(Kind.Not),
                var other => throw new ArgumentException($"Not an expression FtsQuery writes: {other}", nameof(expression)),
            });
            i = end;
        }
        return new TsQuery(tokens);
    }

    /// <summary>
    /// The tsquery text for <c>to_tsquery('claim_words', …)</c>, which folds each quoted term as the index does and reads a
    /// term of several words as a phrase (<c>&lt;-&gt;</c>). A prefix phrase marks only its last word as a prefix, as FTS5.
    /// </summary>
    public string ToWords() => Render(
        t => t.Prefix && t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } words
            ? string.Join(" <-> ", words[..^1].Select(Quote)) + " <-> " + Quote(words[^1]) + ":*"
            : Quote(t.Text) + (t.Prefix ? ":*" : ""),
        "&", "|", "& !");

    /// <summary>
    /// The condition on <c>s.folded</c> that finds the expression's terms as substrings; term i is parameter
    /// <c>@{prefix}{i}</c> (see <see cref="Terms"/>). A prefix means nothing more for substrings.
    /// </summary>
    public string ToSubstrings(string parameter)
    {
        var n = 0;
        return Render(_ => $"s.folded LIKE claim_substring(@{parameter}{n++})", "AND", "OR", "AND NOT");
    }

    private string Render(Func<Token, string> term, string and, string or, string not) => string.Join(' ', tokens.Select(t => t.Kind switch
    {
        Kind.Term => term(t),
        Kind.And => and,
        Kind.Or => or,
        Kind.Not => not,
        Kind.Open => "(",
        _ => ")",
    }));

    // tsquery quoting: a quote doubled, a backslash escaped.
    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
