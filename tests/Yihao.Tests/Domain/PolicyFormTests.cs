using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Domain;

/// <summary>The rating policy's form: every rule of the document has words in both languages, and the form read back
/// as posted gives the same document (rates in per cent, an empty bracket row dropped, the checklist kept as keys).</summary>
public sealed class PolicyFormTests
{
    static JsonObject Default() => JsonNode.Parse(new StarPolicy().ToJson())!.AsObject();

    static IEnumerable<PolicyForm.Field> Fields(PolicyForm.Group g) =>
        g.Fields.Concat(g.Rows.SelectMany(r => r)).Concat(g.Groups.SelectMany(Fields));

    static IEnumerable<string> Groups(PolicyForm.Group g) => g.Groups.SelectMany(s => Groups(s).Prepend(s.Path));

    /// <summary>The form as a browser posts it: each field's value, a ticked box as "true", an unticked one not at
    /// all (a change to "" unticks it).</summary>
    static FormCollection Post(PolicyForm.Group form, Func<PolicyForm.Field, string?>? change = null) =>
        new(Fields(form).Select(f => (f, v: change?.Invoke(f) ?? (f.Kind == PolicyForm.FieldKind.Switch
                ? f.Checked ? "true" : null : f.Value)))
            .Where(x => x.v is not null && !(x.f.Kind == PolicyForm.FieldKind.Switch && x.v.Length == 0))
            .ToDictionary(x => PolicyForm.Prefix + x.f.Path, x => new StringValues(x.v)));

    /// <summary>The document with every number as a double: 0.90 and 0.9 are the same rate.</summary>
    static JsonNode? Numbers(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Numbers(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Numbers)]),
        JsonValue v when v.TryGetValue<decimal>(out var d) => JsonValue.Create((double)d),
        _ => node?.DeepClone(),
    };

    [Fact]
    public void Every_rule_and_part_of_the_policy_has_a_label_and_every_label_a_translation()
    {
        var form = PolicyForm.Of(Default());
        var unnamed = Fields(form).Select(f => f.Path).Concat(Groups(form)).Where(p => !PolicyWords.Has(p)).ToList();
        Assert.Empty(unnamed);
        Assert.DoesNotContain(PolicyWords.Texts, t => !L.Has(t));
    }

    [Fact]
    public void The_form_posted_unchanged_gives_the_same_document_and_a_change_lands_where_it_was_made()
    {
        using var _ = new CultureScope(L.Chinese);
        var document = Default();
        var form = PolicyForm.Of(document);
        var rate = Fields(form).Single(f => f.Path == "branchWarnings.redBelowRate");
        Assert.Equal((PolicyForm.FieldKind.Rate, "80"), (rate.Kind, rate.Value));
        Assert.Contains("六个必须", Fields(form).Single(f => f.Path == "supervision.checklist").Value);

        var (same, none) = PolicyForm.Apply(document, Post(form));
        Assert.Empty(none);
        Assert.True(JsonNode.DeepEquals(Numbers(document), Numbers(same)), same.ToJsonString());

        var (changed, problems) = PolicyForm.Apply(document, Post(form, f => f.Path switch
        {
            "branchWarnings.redBelowRate" => "75",
            "red.service" => "",
            "dues.employed[4].upTo" => "", // the empty row stays empty: no new bracket
            "supervision.checklist" => "六个必须\n查看会议记录原件",
            _ => null,
        }));
        Assert.Empty(problems);
        var policy = StarPolicy.Parse(changed.ToJsonString()).Policy!;
        Assert.Equal(0.75m, policy.BranchWarnings.RedBelowRate);
        Assert.False(policy.Red.Service);
        Assert.Equal(4, policy.Dues.Employed.Count);
        Assert.Equal(["The six musts", "查看会议记录原件"], policy.Supervision.Checklist);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_a_problem_named_by_its_field()
    {
        var document = Default();
        var (_, problems) = PolicyForm.Apply(document,
            Post(PolicyForm.Of(document), f => f.Path == "publishDays" ? "七" : null));
        Assert.Equal([("publishDays", "Write a number.")], problems);
    }

    sealed class CultureScope : IDisposable
    {
        readonly CultureInfo was = CultureInfo.CurrentUICulture;
        public CultureScope(CultureInfo culture) => CultureInfo.CurrentUICulture = culture;
        public void Dispose() => CultureInfo.CurrentUICulture = was;
    }
}
