using System.Data.Common;
using Dapper;

namespace ClaimTracker.Api.Common;

/// <summary>
/// Rows in key order, a chunk at a time, each chunk one statement read whole (<c>… AND key &gt; @After ORDER BY key
/// LIMIT @Chunk</c>): the connection is free between chunks for the lookups that complete them (topics, sources, via
/// chains). A reader held open across those lookups needs several active statements on one connection, which SQLite
/// allows and PostgreSQL does not. Memory stays flat; inside a snapshot transaction every chunk sees the same state.
/// </summary>
public static class KeysetChunks
{
    /// <summary>
    /// <paramref name="select"/> (a SELECT … FROM …) filtered by <paramref name="where"/>, in order of
    /// <paramref name="key"/>, <paramref name="size"/> rows at a time; <paramref name="keyOf"/> reads a row's key.
    /// </summary>
    public static async IAsyncEnumerable<List<T>> ReadAsync<T>(DbConnection c, DbTransaction? tx, string select,
        SqlWhere where, object? parameters, string key, Func<T, long> keyOf, int size)
    {
        var condition = where.ToString() is "" ? $"WHERE {key} > @After" : $"{where} AND {key} > @After";
        var arguments = new DynamicParameters(parameters);
        var after = long.MinValue;
        while (true)
        {
            arguments.Add("After", after);
            arguments.Add("Chunk", size);
            var chunk = (await c.QueryAsync<T>($"{select} {condition} ORDER BY {key} LIMIT @Chunk", arguments, tx))
                .ToList();
            if (chunk.Count > 0) yield return chunk;
            if (chunk.Count < size) yield break;
            after = keyOf(chunk[^1]);
        }
    }
}
