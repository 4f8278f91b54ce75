using Dapper;

namespace ClaimTracker.Api.Data;

public static class SqlParameters
{
    /// <summary>Adds the properties of <paramref name="more"/> to the parameters, for statements that need a few beyond a record's.</summary>
    public static DynamicParameters Also(this DynamicParameters parameters, object more)
    {
        parameters.AddDynamicParams(more);
        return parameters;
    }
}
