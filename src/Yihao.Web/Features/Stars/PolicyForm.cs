using System.Globalization;
using System.Text.Json.Nodes;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Stars;

/// <summary>
/// The rating policy as a form (考核办法): every rule of the document a labelled field with its meaning, read from the
/// document's own shape so that a rule added to <see cref="Domain.StarPolicy"/> appears without a new page. A field is
/// named <c>f.</c> and its path in the document (<c>f.branchWarnings.redBelowRate</c>, <c>f.dues.employed[0].rate</c>):
/// the same path <see cref="Domain.StarPolicy.Parse"/> names a problem by, so each problem sits beside its field.
/// </summary>
public static class PolicyForm
{
    public const string Prefix = "f.";

    /// <summary>A field of the form: its path, the value it shows and how it is edited.</summary>
    public sealed record Field(string Path, FieldKind Kind, string Value, bool Checked = false);

    public enum FieldKind { Switch, Whole, Rate, Yuan, Lines }

    /// <summary>A group of fields (a part of the document): its path, its fields and its rows of brackets.</summary>
    public sealed record Group(string Path, List<Field> Fields, List<Group> Groups, List<List<Field>> Rows);

    /// <summary>Rates are stored as fractions (0.9) and shown as percentages (90).</summary>
    static bool IsRate(string path) => path.EndsWith("Rate", StringComparison.Ordinal)
        || path.EndsWith("].rate", StringComparison.Ordinal);

    /// <summary>The document as groups of fields, for the page.</summary>
    public static Group Of(JsonObject document) => Walk(document, "");

    /// <summary>The form as it was posted (a value that was not a number is shown as typed, beside its
    /// problem).</summary>
    public static Group Posted(Group group, IFormCollection form)
    {
        Field As(Field f) => f.Kind == FieldKind.Switch ? f with { Checked = form.ContainsKey(Prefix + f.Path) }
            : form.TryGetValue(Prefix + f.Path, out var v) ? f with { Value = v.ToString() } : f;
        return group with
        {
            Fields = [.. group.Fields.Select(As)],
            Groups = [.. group.Groups.Select(g => Posted(g, form))],
            Rows = [.. group.Rows.Select(r => r.Select(As).ToList())],
        };
    }

    /// <summary>Every path the form shows a problem beside: its groups and its fields.</summary>
    public static HashSet<string> Paths(Group group)
    {
        var paths = new HashSet<string> { group.Path };
        paths.UnionWith(group.Fields.Select(f => f.Path));
        paths.UnionWith(group.Rows.SelectMany(r => r).Select(f => f.Path));
        foreach (var g in group.Groups) paths.UnionWith(Paths(g));
        return paths;
    }

    static Group Walk(JsonObject node, string path)
    {
        var group = new Group(path, [], [], []);
        foreach (var (name, value) in node)
        {
            var at = path.Length == 0 ? name : path + "." + name;
            switch (value)
            {
                case JsonObject o:
                    group.Groups.Add(Walk(o, at));
                    break;
                case JsonArray { Count: > 0 } a when a[0] is JsonObject:
                    var rows = new Group(at, [], [], []);
                    for (var i = 0; i <= a.Count; i++) // one empty row more, to add a bracket
                        rows.Rows.Add(i < a.Count ? Walk(a[i]!.AsObject(), $"{at}[{i}]").Fields
                            : Walk(a[0]!.AsObject(), $"{at}[{i}]").Fields.Select(f => f with { Value = "" }).ToList());
                    group.Groups.Add(rows);
                    break;
                case JsonArray a:
                    group.Fields.Add(new(at, FieldKind.Lines, string.Join('\n', a.Select(x => L.T($"{x}")))));
                    break;
                case JsonValue v when v.TryGetValue<bool>(out var b):
                    group.Fields.Add(new(at, FieldKind.Switch, "", b));
                    break;
                default:
                    group.Fields.Add(Number(at, value));
                    break;
            }
        }
        return group;
    }

    static Field Number(string path, JsonNode? value)
    {
        var n = value?.GetValue<decimal>();
        if (IsRate(path)) return new(path, FieldKind.Rate, n is { } r ? Text(r * 100) : "");
        return new(path, n is { } d && decimal.Truncate(d) != d || path.StartsWith("dues.", StringComparison.Ordinal)
            ? FieldKind.Yuan : FieldKind.Whole, n is { } x ? Text(x) : "");
    }

    static string Text(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// The posted form over the document it was made from: every field of the document takes the form's value; a row of
    /// brackets left empty is dropped. A value that is not a number is a problem named by its field, and the document is
    /// then not changed.
    /// </summary>
    public static (JsonObject Document, List<(string Field, string Problem)> Problems) Apply(JsonObject document,
        IFormCollection form)
    {
        var problems = new List<(string, string)>();
        var result = Read(document, "", form, problems);
        return (result, problems);
    }

    static JsonObject Read(JsonObject node, string path, IFormCollection form, List<(string, string)> problems)
    {
        var result = new JsonObject();
        foreach (var (name, value) in node)
        {
            var at = path.Length == 0 ? name : path + "." + name;
            result[name] = value switch
            {
                JsonObject o => Read(o, at, form, problems),
                JsonArray { Count: > 0 } a when a[0] is JsonObject => Rows(a, at, form, problems),
                JsonArray a => Lines(a, Posted(form, at)),
                JsonValue v when v.TryGetValue<bool>(out _) => JsonValue.Create(form.ContainsKey(Prefix + at)),
                _ => NumberOf(at, Posted(form, at), problems),
            };
        }
        return result;
    }

    static JsonArray Rows(JsonArray rows, string path, IFormCollection form, List<(string, string)> problems)
    {
        var result = new JsonArray();
        var shape = rows[0]!.AsObject();
        for (var i = 0; i <= rows.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (shape.All(p => Posted(form, $"{at}.{p.Key}").Length == 0)) continue;
            var row = new JsonObject();
            foreach (var (name, _) in shape)
                row[name] = NumberOf($"{at}.{name}", Posted(form, $"{at}.{name}"), problems);
            result.Add(row);
        }
        return result;
    }

    /// <summary>Lines as typed; a line that is how an item of the document reads in this language is that item (the
    /// default checklist is kept as its keys, so that each reader sees it in their own language).</summary>
    static JsonArray Lines(JsonArray was, string text)
    {
        var keys = was.Select(x => $"{x}").DistinctBy(x => L.T(x)).ToDictionary(x => L.T(x), x => x);
        return new([.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => (JsonNode)JsonValue.Create(keys.GetValueOrDefault(l, l)))]);
    }

    static string Posted(IFormCollection form, string path) => form[Prefix + path].ToString().Trim();

    /// <summary>A number as typed (a rate in per cent); empty is "none" (a bracket without an upper limit).</summary>
    static JsonValue? NumberOf(string path, string text, List<(string, string)> problems)
    {
        if (text.Length == 0) return null;
        if (!decimal.TryParse(text.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
        {
            problems.Add((path, "Write a number."));
            return null;
        }
        return JsonValue.Create(IsRate(path) ? d / 100 : d);
    }
}
