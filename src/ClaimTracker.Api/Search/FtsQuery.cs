using System.Text;
using ClaimTracker.Api.Common;

namespace ClaimTracker.Api.Search;

/// <summary>
/// Turns whatever a user typed into a valid FTS5 expression, so that no input reaches SQLite's
/// query parser unchecked. Words and "phrases" become quoted FTS5 strings (a trailing * keeps a
/// prefix search), AND, OR, NOT and parentheses keep their meaning, and what cannot mean anything
/// is forgiven: an unclosed quote or parenthesis closes at the end, a stray ) or a dangling
/// operator is dropped. Only a query with nothing to search for, or one that starts with NOT
/// (FTS5 cannot list "everything except"), is refused with a 400 problem.
/// </summary>
public static class FtsQuery
{
    private const int MaxDepth = 8;

    private enum Kind { Term, And, Or, Not, Open, Close }

    private sealed record Token(Kind Kind, string Text = "", bool Prefix = false);

    private abstract record Node;
    private sealed record TermNode(string Text, bool Prefix) : Node;
    private sealed record ListNode(string Operator, IReadOnlyList<Node> Items) : Node;
    private sealed record NotNode(Node Left, Node Right) : Node;

    /// <summary>The FTS5 expression for a query; <paramref name="field"/> names the query parameter in a 400 problem.</summary>
    public static string Translate(string query, string field = "q")
    {
        var parser = new Parser(Balance(Lex(query)), field);
        var root = parser.ParseOr();
        return root is null
            ? throw ApiProblem.Validation(field, $"{field} has no words to search for; letters or digits are needed.")
            : Render(root);
    }

    private static List<Token> Lex(string query)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < query.Length;)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')') { tokens.Add(new Token(c == '(' ? Kind.Open : Kind.Close)); i++; continue; }
            if (c == '"')
            {
                var end = query.IndexOf('"', i + 1);
                var phrase = end < 0 ? query[(i + 1)..] : query[(i + 1)..end];
                i = end < 0 ? query.Length : end + 1;
                var prefix = i < query.Length && query[i] == '*';
                if (prefix) i++;
                AddTerm(tokens, phrase, prefix);
                continue;
            }
            var start = i;
            while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('"' or '(' or ')')) i++;
            var word = query[start..i];
            switch (word)
            {
                case "AND": tokens.Add(new Token(Kind.And)); break;
                case "OR": tokens.Add(new Token(Kind.Or)); break;
                case "NOT": tokens.Add(new Token(Kind.Not)); break;
                default: AddTerm(tokens, word.TrimEnd('*').Replace('*', ' '), word.EndsWith('*')); break;
            }
        }
        return tokens;
    }

    // Text without a letter or digit tokenizes to nothing, which FTS5 cannot search for.
    private static void AddTerm(List<Token> tokens, string text, bool prefix)
    {
        if (text.Any(char.IsLetterOrDigit)) tokens.Add(new Token(Kind.Term, text, prefix));
    }

    /// <summary>Drops unmatched ) and parentheses nested too deep, closes what is left open, and reads "AND NOT" as NOT.</summary>
    private static List<Token> Balance(List<Token> tokens)
    {
        var result = new List<Token>();
        var depth = 0;
        var skipped = new Stack<bool>();
        foreach (var token in tokens)
        {
            if (token.Kind == Kind.Open)
            {
                var keep = depth < MaxDepth;
                skipped.Push(!keep);
                if (keep) { depth++; result.Add(token); }
            }
            else if (token.Kind == Kind.Close)
            {
                if (skipped.Count == 0) continue;
                if (!skipped.Pop()) { depth--; result.Add(token); }
            }
            else if (token.Kind == Kind.Not && result.Count > 0 && result[^1].Kind == Kind.And) result[^1] = token;
            else result.Add(token);
        }
        result.AddRange(Enumerable.Repeat(new Token(Kind.Close), depth));
        return result;
    }

    private static string Render(Node node) => node switch
    {
        TermNode t => "\"" + t.Text.Replace("\"", "\"\"") + "\"" + (t.Prefix ? "*" : ""),
        NotNode n => $"({Render(n.Left)} NOT {Render(n.Right)})",
        ListNode l => "(" + string.Join($" {l.Operator} ", l.Items.Select(Render)) + ")",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Precedence as in FTS5: NOT binds tightest, then AND (also implied between terms), then OR.</summary>
    private sealed class Parser(List<Token> tokens, string field)
    {
        private int position;

        private Kind? Peek => position < tokens.Count ? tokens[position].Kind : null;

        public Node? ParseOr()
        {
            var left = ParseAnd();
            while (Peek == Kind.Or)
            {
                position++;
                left = Combine("OR", left, ParseAnd());
            }
            return left;
        }

        private Node? ParseAnd()
        {
            var left = ParseNot();
            while (Peek is Kind.And or Kind.Term or Kind.Open)
            {
                if (Peek == Kind.And) position++;
                left = Combine("AND", left, ParseNot());
            }
            return left;
        }

        private Node? ParseNot()
        {
            var left = ParsePrimary();
            while (Peek == Kind.Not)
            {
                position++;
                if (ParsePrimary() is not { } right) continue;
                left = left is null
                    ? throw ApiProblem.Validation(field, "NOT needs something to search for before it, as in: soldiers NOT troops.")
                    : new NotNode(left, right);
            }
            return left;
        }

        private Node? ParsePrimary()
        {
            if (Peek == Kind.Term) return new TermNode(tokens[position].Text, tokens[position++].Prefix);
            if (Peek != Kind.Open) return null;
            position++;
            var inner = ParseOr();
            if (Peek == Kind.Close) position++;
            return inner;
        }

        // Lists stay flat, so a long query never nests deeper than FTS5 allows.
        private static Node? Combine(string op, Node? left, Node? right) => (left, right) switch
        {
            (null, _) => right,
            (_, null) => left,
            (ListNode l, _) when l.Operator == op => new ListNode(op, [.. l.Items, right!]),
            _ => new ListNode(op, [left!, right!]),
        };
    }
}
