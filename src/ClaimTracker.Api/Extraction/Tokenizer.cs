namespace ClaimTracker.Api.Extraction;

internal enum TokenKind { Word, Punct, OpenQuote, CloseQuote, Dash, Break }

/// <summary>A word or mark of the document; offsets are UTF-16 indexes into the whole text.</summary>
internal sealed class Token(int start, int end, TokenKind kind, string text)
{
    public int Start { get; } = start;
    public int End { get; } = end;
    public TokenKind Kind { get; set; } = kind;
    public string Text { get; } = text;
    public string Lower { get; } = text.ToLowerInvariant();
    /// <summary>Strictly inside a pair of quotation marks (the marks themselves are not).</summary>
    public bool InQuote { get; set; }
    public bool IsWord => Kind == TokenKind.Word;
    public bool IsCapitalized => Kind == TokenKind.Word && char.IsUpper(Text[0]);
    public bool IsPunct(string mark) => Kind == TokenKind.Punct && Text == mark;
    public bool IsQuote => Kind is TokenKind.OpenQuote or TokenKind.CloseQuote;
}

internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 5 + 4);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                // Every line break ends a paragraph: headlines and captions stand on lines of their own.
                var s = i;
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                tokens.Add(new Token(s, i, TokenKind.Break, "\n"));
            }
            else if (char.IsWhiteSpace(c)) i++;
            else if (char.IsLetterOrDigit(text, i))
            {
                var s = i;
                i = WordEnd(text, i);
                tokens.Add(new Token(s, i, TokenKind.Word, text[s..i]));
            }
            else
            {
                // Two apostrophes are one straight double quotation mark, as some newspapers' archives write it; of
                // three, the first closes a quotation inside it ("… go back to your country,''' said Mr. Regalado").
                var twoApostrophes = c == '\'' && i + 1 < text.Length && text[i + 1] == '\''
                    && !(i + 2 < text.Length && text[i + 2] == '\'');
                var width = twoApostrophes || char.IsSurrogatePair(text, i) ? 2 : 1;
                // "—", "–" and the horizontal bar "―" some sites use for one.
                var kind = c is '—' or '–' or '―' ? TokenKind.Dash : TokenKind.Punct;
                tokens.Add(new Token(i, i + width, kind, text.Substring(i, width)));
                i += width;
            }
        }
        PairQuotes(tokens);
        return tokens;
    }

    // Hyphens and apostrophes inside a word keep it whole ("so-called", "Russia’s"); so do digit groups, decimals and
    // initialisms.
    private static int WordEnd(string text, int i)
    {
        var start = i;
        while (i < text.Length)
        {
            if (char.IsLetterOrDigit(text, i)) { i += char.IsSurrogatePair(text, i) ? 2 : 1; continue; }
            var c = text[i];
            var letterNext = i + 1 < text.Length && char.IsLetterOrDigit(text, i + 1);
            if (c is '-' or '\'' or '’' && letterNext) { i++; continue; }
            if (c is ',' or '.' && letterNext && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]))
            {
                i++;
                continue;
            }
            if (c == '.' && IsInitialism(text, start, i)) { i++; continue; }
            break;
        }
        return i;
    }

    // "U.S." and "U.N." keep their dots, so that they neither end a sentence nor split a name.
    private static bool IsInitialism(string text, int start, int dot)
    {
        var word = text.AsSpan(start, dot - start);
        if (word.Length % 2 == 0) return false;
        for (var k = 0; k < word.Length; k++)
            if (k % 2 == 0 ? !char.IsUpper(word[k]) : word[k] != '.') return false;
        var letterFollows = dot + 1 < text.Length && char.IsUpper(text[dot + 1]);
        return letterFollows || word.Length >= 3;
    }

    // Pairs quotation marks within a paragraph: curly, guillemets, straight (which toggle; also '' for one) and curly
    // singles.
    private static void PairQuotes(List<Token> tokens)
    {
        int openDouble = -1, openSingle = -1;
        for (var k = 0; k < tokens.Count; k++)
        {
            var t = tokens[k];
            if (t.Kind == TokenKind.Break) { openDouble = openSingle = -1; continue; }
            if (t.Kind != TokenKind.Punct) continue;
            switch (t.Text)
            {
                // "“… new problems for her here,“ said Jim Clyburn": an opening mark right after a comma or a full
                // stop, with a quotation open, closes it.
                case "“" when openDouble >= 0 && ClosesAfterPunctuation(tokens, k):
                    Close(tokens, openDouble, k);
                    openDouble = -1;
                    break;
                case "“" or "«": openDouble = k; break;
                case "”" or "»" when openDouble >= 0: Close(tokens, openDouble, k); openDouble = -1; break;
                case "\"" or "''" when openDouble >= 0: Close(tokens, openDouble, k); openDouble = -1; break;
                case "\"" or "''": openDouble = k; break;
                case "‘": openSingle = k; break;
                case "’" when openSingle >= 0: Close(tokens, openSingle, k); openSingle = -1; break;
            }
        }
    }

    private static bool ClosesAfterPunctuation(List<Token> tokens, int k) =>
        k > 0 && tokens[k - 1].Kind == TokenKind.Punct && tokens[k - 1].Text is "," or "." or "?" or "!"
        && tokens[k - 1].End == tokens[k].Start;

    private static void Close(List<Token> tokens, int open, int close)
    {
        tokens[open].Kind = TokenKind.OpenQuote;
        tokens[close].Kind = TokenKind.CloseQuote;
        for (var k = open + 1; k < close; k++) tokens[k].InQuote = true;
    }
}
