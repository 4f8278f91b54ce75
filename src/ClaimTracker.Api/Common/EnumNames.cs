using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimTracker.Api.Common;

/// <summary>
/// Enums in JSON bodies by name, with an error that lists the names: System.Text.Json's own says only that the value
/// "could not be converted to System.Nullable`1[ClaimTracker.Api.Stance]", which names .NET types and helps nobody.
/// It reads and writes exactly as <see cref="JsonStringEnumConverter"/> (which stays registered after it, so the OpenAPI
/// generator still documents enums as strings) and only rewords the failure.
/// </summary>
public sealed class EnumNamesConverter : JsonConverterFactory
{
    private static readonly JsonStringEnumConverter Names = new(namingPolicy: null, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Named<>).MakeGenericType(typeToConvert), Names.CreateConverter(typeToConvert, options))!;

    private sealed class Named<T>(JsonConverter inner) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> names = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var given = reader.TokenType == JsonTokenType.String ? $"'{reader.GetString()}'" : $"a {Describe(reader.TokenType)}";
            try
            {
                return names.Read(ref reader, typeToConvert, options);
            }
            catch (JsonException)
            {
                throw new JsonException($"{given} is not one of: {string.Join(", ", Enum.GetNames<T>())}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => names.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            names.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            names.WriteAsPropertyName(writer, value, options);

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.Number => "number",
            JsonTokenType.True or JsonTokenType.False => "boolean",
            JsonTokenType.StartObject => "object",
            JsonTokenType.StartArray => "list",
            _ => "null",
        };
    }
}
