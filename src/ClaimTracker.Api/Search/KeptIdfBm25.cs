using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Api.Search;

/// <summary>
/// <c>kept_idf_bm25(table, expression, version, weights…)</c>: FTS5's own bm25 (same formula, constants and order of
/// operations, so the same scores), except that each phrase's IDF is kept on the connection between statements. bm25
/// counts the documents of the whole index that hold each phrase on every statement, however few hits it then ranks: at 1M
/// claims, 5 ms for a word in a tenth of them, half of a search. The IDF depends only on that count and the number of
/// documents, so it is looked up by expression and <c>version</c>, the index's structure and averages records
/// (<see cref="VersionOf"/>), which every write to the index changes: a kept IDF is never stale. Registered through
/// FTS5's C API, which Microsoft.Data.Sqlite does not wrap.
/// </summary>
internal static unsafe class KeptIdfBm25
{
    public const string Name = "kept_idf_bm25";

    /// <summary>The version argument for an index: read in the same statement as the MATCH, so from the same snapshot.</summary>
    public static string VersionOf(string table) =>
        $"(SELECT '{table}' || group_concat(hex(block), ':') FROM (SELECT block FROM {table}_data WHERE id IN (1, 10) ORDER BY id))";

    // The constants of fts5_aux.c.
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Expressions whose IDF a connection keeps; past that it starts over.</summary>
    private const int MaxKept = 1000;

    private static readonly ConditionalWeakTable<object, object> Registered = new();

    /// <summary>Adds the function to the connection, once per native connection (a pooled one keeps it).</summary>
    public static void Register(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        if (Registered.TryGetValue(handle, out _)) return;
        var api = Fts5Api(handle.DangerousGetHandle());
        var kept = GCHandle.Alloc(new Dictionary<string, double[]>(StringComparer.Ordinal));
        int rc;
        fixed (byte* name = "kept_idf_bm25\0"u8)
            rc = api->CreateFunction(api, name, (void*)GCHandle.ToIntPtr(kept), &Rank, &Free);
        if (rc != 0)
        {
            kept.Free();
            throw new InvalidOperationException($"FTS5 did not register {Name}: error {rc}.");
        }
        Registered.AddOrUpdate(handle, Name);
    }

    private static Fts5ApiTable* Fts5Api(IntPtr db)
    {
        Fts5ApiTable* api = null;
        IntPtr statement;
        fixed (byte* sql = "SELECT fts5(?1)\0"u8)
            if (sqlite3_prepare_v2(db, sql, -1, &statement, null) != 0) throw new InvalidOperationException("FTS5 is not available.");
        try
        {
            fixed (byte* type = "fts5_api_ptr\0"u8) sqlite3_bind_pointer(statement, 1, &api, type, null);
            sqlite3_step(statement);
        }
        finally
        {
            sqlite3_finalize(statement);
        }
        return api is not null && api->Version >= 2 ? api : throw new InvalidOperationException("FTS5 is not available.");
    }

    /// <summary>What bm25 computes once per statement: each phrase's IDF and the average document length.</summary>
    private sealed record Statement(double[] Idf, double AverageLength);

    [UnmanagedCallersOnly]
    private static void Rank(Fts5ExtensionApi* api, IntPtr fts, IntPtr context, int count, IntPtr* values)
    {
        // An exception must not cross into SQLite: it ends the statement with an error instead.
        try
        {
            if (count < 2) throw new ArgumentException($"{Name} takes the table, the expression and the index version, then the weights.");
            var score = 0.0;
            var rc = StatementOf(api, fts, values, out var statement);
            if (rc == 0) rc = Score(api, fts, values + 2, count - 2, statement, out score);
            if (rc == 0) sqlite3_result_double(context, score); else sqlite3_result_error_code(context, rc);
        }
        catch (Exception e)
        {
            var message = System.Text.Encoding.UTF8.GetBytes(e.Message);
            fixed (byte* text = message) sqlite3_result_error(context, text, message.Length);
        }
    }

    private static int StatementOf(Fts5ExtensionApi* api, IntPtr fts, IntPtr* values, out Statement statement)
    {
        var aux = api->GetAuxdata(fts, 0);
        if (aux is not null)
        {
            statement = (Statement)GCHandle.FromIntPtr((IntPtr)aux).Target!;
            return 0;
        }
        statement = null!;
        long rows = 0, tokens = 0;
        var rc = api->RowCount(fts, &rows);
        if (rc == 0) rc = api->ColumnTotalSize(fts, -1, &tokens);
        if (rc != 0) return rc;
        var kept = (Dictionary<string, double[]>)GCHandle.FromIntPtr((IntPtr)api->UserData(fts)).Target!;
        var (expression, version) = (Text(values[0]), Text(values[1]));
        // Without a version nothing is kept: the IDF is counted as bm25 counts it.
        var key = expression is null || version is null ? null : expression + "\n" + version;
        if (key is null || !kept.TryGetValue(key, out var idf))
        {
            idf = new double[api->PhraseCount(fts)];
            for (var i = 0; i < idf.Length; i++)
            {
                long hits = 0;
                rc = api->QueryPhrase(fts, i, &hits, &CountHit);
                if (rc != 0) return rc;
                // fts5_aux.c: a phrase in more than half the documents would weigh less than nothing; it weighs 1e-6.
                var weight = Math.Log((rows - hits + 0.5) / (hits + 0.5));
                idf[i] = weight <= 0.0 ? 1e-6 : weight;
            }
            if (kept.Count >= MaxKept) kept.Clear();
            if (key is not null) kept[key] = idf;
        }
        statement = new Statement(idf, (double)tokens / (double)rows);
        return api->SetAuxdata(fts, (void*)GCHandle.ToIntPtr(GCHandle.Alloc(statement)), &Free);
    }

    private static int Score(Fts5ExtensionApi* api, IntPtr fts, IntPtr* weights, int weightCount, Statement statement, out double score)
    {
        score = 0.0;
        Span<double> frequency = statement.Idf.Length <= 32 ? stackalloc double[statement.Idf.Length] : new double[statement.Idf.Length];
        int instances = 0, size = 0;
        var rc = api->InstCount(fts, &instances);
        for (var i = 0; rc == 0 && i < instances; i++)
        {
            int phrase, column, offset;
            rc = api->Inst(fts, i, &phrase, &column, &offset);
            if (rc == 0) frequency[phrase] += weightCount > column ? sqlite3_value_double(weights[column]) : 1.0;
        }
        if (rc == 0) rc = api->ColumnSize(fts, -1, &size);
        if (rc != 0) return rc;
        double length = size;
        for (var i = 0; i < frequency.Length; i++)
            score += statement.Idf[i] * (frequency[i] * (K1 + 1.0) / (frequency[i] + K1 * (1 - B + B * length / statement.AverageLength)));
        score = -1.0 * score;
        return 0;
    }

    private static string? Text(IntPtr value) => Marshal.PtrToStringUTF8((IntPtr)sqlite3_value_text(value));

    [UnmanagedCallersOnly]
    private static int CountHit(Fts5ExtensionApi* api, IntPtr fts, void* hits)
    {
        (*(long*)hits)++;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static void Free(void* handle) => GCHandle.FromIntPtr((IntPtr)handle).Free();

    // fts5.h: struct fts5_api, up to xCreateFunction.
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ApiTable
    {
        public int Version;
        public IntPtr CreateTokenizer;
        public IntPtr FindTokenizer;
        public delegate* unmanaged<Fts5ApiTable*, byte*, void*, delegate* unmanaged<Fts5ExtensionApi*, IntPtr, IntPtr, int, IntPtr*, void>,
            delegate* unmanaged<void*, void>, int> CreateFunction;
    }

    // fts5.h: struct Fts5ExtensionApi, up to xGetAuxdata (the members of version 1, in their order).
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ExtensionApi
    {
        public int Version;
        public delegate* unmanaged<IntPtr, void*> UserData;
        public IntPtr ColumnCount;
        public delegate* unmanaged<IntPtr, long*, int> RowCount;
        public delegate* unmanaged<IntPtr, int, long*, int> ColumnTotalSize;
        public IntPtr Tokenize;
        public delegate* unmanaged<IntPtr, int> PhraseCount;
        public IntPtr PhraseSize;
        public delegate* unmanaged<IntPtr, int*, int> InstCount;
        public delegate* unmanaged<IntPtr, int, int*, int*, int*, int> Inst;
        public IntPtr Rowid;
        public IntPtr ColumnText;
        public delegate* unmanaged<IntPtr, int, int*, int> ColumnSize;
        public delegate* unmanaged<IntPtr, int, void*, delegate* unmanaged<Fts5ExtensionApi*, IntPtr, void*, int>, int> QueryPhrase;
        public delegate* unmanaged<IntPtr, void*, delegate* unmanaged<void*, void>, int> SetAuxdata;
        public delegate* unmanaged<IntPtr, int, void*> GetAuxdata;
    }

    private const string Sqlite = "e_sqlite3";
    [DllImport(Sqlite)] private static extern int sqlite3_prepare_v2(IntPtr db, byte* sql, int length, IntPtr* statement, byte** tail);
    [DllImport(Sqlite)] private static extern int sqlite3_bind_pointer(IntPtr statement, int index, void* pointer, byte* type, void* destructor);
    [DllImport(Sqlite)] private static extern int sqlite3_step(IntPtr statement);
    [DllImport(Sqlite)] private static extern int sqlite3_finalize(IntPtr statement);
    [DllImport(Sqlite)] private static extern double sqlite3_value_double(IntPtr value);
    [DllImport(Sqlite)] private static extern byte* sqlite3_value_text(IntPtr value);
    [DllImport(Sqlite)] private static extern void sqlite3_result_double(IntPtr context, double value);
    [DllImport(Sqlite)] private static extern void sqlite3_result_error(IntPtr context, byte* message, int length);
    [DllImport(Sqlite)] private static extern void sqlite3_result_error_code(IntPtr context, int code);
}
