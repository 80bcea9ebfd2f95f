using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// How the API reads and writes JSON: a body with an unknown field, a value of the wrong type or a null where none is
/// allowed is refused (400 naming the field) before any handler runs; every timestamp is written in UTC with a Z.
/// </summary>
public static partial class JsonBodies
{
    public static void Configure(JsonSerializerOptions o)
    {
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        o.Converters.Add(new UtcDateTimeConverter());
        o.Converters.Add(new UtcDateTimeOffsetConverter());
        o.Converters.Add(new NoNullItemsConverterFactory());
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.RespectNullableAnnotations = true;
        // Checked on the way in only: a view is never refused for a null the code put there.
        o.TypeInfoResolver = (o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(t =>
        {
            foreach (var p in t.Properties.Where(p => !p.PropertyType.IsValueType))
                p.IsGetNullable = true;
        });
    }

    /// <summary>The field a body's reading failed at (agenda[0].title), and what was wrong, as an English
    /// key.</summary>
    public static (string Field, string Problem) Problem(JsonException e)
    {
        if (e is ItemException item)
        {
            var at = Field(e.Path) + $"[{item.Index}]";
            if (item.Inner is null)
                return (at, NotEmpty);
            var (inner, problem) = Problem(item.Inner);
            return (
                inner.Length == 0 ? at
                : inner.StartsWith('[') ? at + inner
                : at + "." + inner,
                problem
            );
        }
        if (UnmappedName().Match(e.Message) is { Success: true } m)
        {
            var parent = Field(e.Path);
            var name = m.Groups[1].Value;
            // The path may already end at the unknown property; do not name it twice.
            return (
                parent == name || parent.EndsWith("." + name, StringComparison.Ordinal) ? parent
                : parent.Length == 0 ? name
                : parent + "." + name,
                Unknown
            );
        }
        if (e.Message.Contains("null values", StringComparison.Ordinal))
            return (Field(e.Path), NotEmpty);
        return (Field(e.Path), WrongType);
    }

    public const string Unknown = "The request has no such field.";
    public const string NotEmpty = "This field may not be null.";
    public const string WrongType = "The value is empty or of the wrong type.";

    /// <summary>$.agenda[0].title → agenda[0].title; $['odd name'] → odd name.</summary>
    static string Field(string? path)
    {
        var p = path ?? "$";
        p = p.StartsWith('$') ? p[1..] : p;
        p = BracketName().Replace(p, m => "." + m.Groups[1].Value);
        return p.TrimStart('.');
    }

    [GeneratedRegex("""JSON property '(.+?)' could not be mapped""")]
    private static partial Regex UnmappedName();

    [GeneratedRegex("""\['(.+?)'\]""")]
    private static partial Regex BracketName();

    /// <summary>The API's one form of a timestamp: UTC with Z. Stored times are UTC; SQLite reads them
    /// unspecified.</summary>
    public static string Utc(DateTime t)
    {
        var utc = t.Kind switch
        {
            DateTimeKind.Local => t.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(t, DateTimeKind.Utc),
            _ => t,
        };
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (!reader.TryGetDateTimeOffset(out var t))
                throw new JsonException();
            return t.UtcDateTime;
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Utc(value));
    }

    sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(
            ref Utf8JsonReader reader,
            Type typeToConvert,
            JsonSerializerOptions options
        ) => reader.TryGetDateTimeOffset(out var t) ? t.ToUniversalTime() : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Utc(value.UtcDateTime));
    }

    /// <summary>A null inside a list (<c>"agenda": [null]</c>) is never meaningful: refused where it is read.</summary>
    sealed class ItemException(int index, JsonException? inner) : JsonException
    {
        public int Index { get; } = index;
        public JsonException? Inner { get; } = inner;
    }

    sealed class NoNullItemsConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type t) =>
            t.IsGenericType
            && t.GetGenericTypeDefinition() == typeof(List<>)
            && !t.GetGenericArguments()[0].IsValueType;

        public override JsonConverter CreateConverter(Type t, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(NoNullItems<>).MakeGenericType(t.GetGenericArguments()[0]))!;
    }

    sealed class NoNullItems<T> : JsonConverter<List<T>>
        where T : class
    {
        public override List<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new JsonException();
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null)
                    throw new ItemException(list.Count, null);
                T? item;
                try
                {
                    item = JsonSerializer.Deserialize<T>(ref reader, options);
                }
                catch (JsonException e)
                {
                    throw new ItemException(list.Count, e); // the item's own path starts again at $: keep the index
                }
                list.Add(item ?? throw new ItemException(list.Count, null));
            }
            return list;
        }

        public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
                JsonSerializer.Serialize(writer, item, options);
            writer.WriteEndArray();
        }
    }
}
