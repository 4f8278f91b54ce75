namespace ClaimTracker.Api.Common;

/// <summary>
/// Collects the conditions of a list query. Conditions are fixed SQL fragments written in the
/// stores; values always travel as parameters, never inside the text.
/// </summary>
public sealed class SqlWhere
{
    private readonly List<string> conditions = [];

    public SqlWhere And(string condition)
    {
        conditions.Add(condition);
        return this;
    }

    public SqlWhere AndIf(bool when, string condition) => when ? And(condition) : this;

    public override string ToString() => conditions.Count == 0 ? "" : "WHERE " + string.Join("\n  AND ", conditions);
}
