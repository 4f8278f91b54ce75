using System.Data;
using Dapper;

namespace ClaimTracker.Api.Data.Postgres;

/// <summary>
/// An array passed to PostgreSQL as one parameter (<c>bigint[]</c>, <c>text[]</c>) for <c>= ANY (@Ids)</c> and array
/// arguments: Dapper would otherwise expand an array into a list of parameters, <c>(@Ids1, @Ids2, …)</c>.
/// </summary>
internal sealed class PostgresArray<T>(IEnumerable<T> values) : SqlMapper.ICustomQueryParameter
{
    public void AddParameter(IDbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = values.ToArray();
        command.Parameters.Add(parameter);
    }
}

internal static class PostgresArray
{
    public static PostgresArray<T> Of<T>(IEnumerable<T> values) => new(values);
}
