using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yihao.Tests.Support;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Tests.Http;

/// <summary>
/// Scope in every corner: every route that names an object by a route parameter, as read from the endpoint data source,
/// is called by every role with the ids of objects in a sibling town and in another district, and must answer as if
/// they did not exist (404, or the 403 the role gets for any id). A new route whose parameters the sweep cannot fill
/// fails the test.
/// </summary>
public abstract class ScopeSweepTests<TApp>(TApp app) : ProviderTests<TApp>(app)
    where TApp : YihaoApp
{
    const string Password = "Passw0rd-x";
    const int Missing = 1_999_999_999;

    /// <summary>The objects of one branch, made through the API by the admin above it.</summary>
    sealed record Objects(
        int Town,
        int Branch,
        int Member,
        int MemberUser,
        int LiaisonUser,
        int Day,
        int Leave,
        int Photo,
        int DisplayLink,
        int Warning,
        int Notification,
        long Outbox,
        Supervised Supervised,
        int Commitment,
        int ServiceEntry,
        int Topic,
        int CallOut
    );

    /// <summary>Supervision's objects of the branch: a planned phone check of its day, a problem list issued from a
    /// recorded inspection with an answered item and its evidence, a sample of the town's branches.</summary>
    sealed record Supervised(int Inspection, int List, int Item, int Evidence, int Sample);

    sealed record Caller(string Role, HttpClient Api, HttpClient Pages, int UserId);

    /// <summary>Which object a route parameter names, by the literal segment before it and its name.</summary>
    static readonly Dictionary<string, Func<Objects, long>> Fillers = new()
    {
        ["orgs/{id}"] = o => o.Branch,
        ["orgs/{branchId}"] = o => o.Branch,
        ["liaisons/{userId}"] = o => o.LiaisonUser,
        ["users/{id}"] = o => o.MemberUser,
        ["display-links/{linkId}"] = o => o.DisplayLink,
        ["members/{id}"] = o => o.Member,
        ["members/{memberId}"] = o => o.Member,
        ["make-ups/{memberId}"] = o => o.Member,
        ["activity-days/{id}"] = o => o.Day,
        ["photos/{photoId}"] = o => o.Photo,
        ["leave/{leaveId}"] = o => o.Leave,
        ["warnings/{id}"] = o => o.Warning,
        ["notifications/{id}"] = o => o.Notification,
        ["outbox/{id}"] = o => o.Outbox,
        ["c/{dayId}"] = o => o.Day,
        ["boards/{branchId}"] = o => o.Branch,
        // Pages
        ["Members/{id}"] = o => o.Member,
        ["Organizations/{id}"] = o => o.Branch,
        ["ActivityDays/{id}"] = o => o.Day,
        ["CheckIn/{dayId}"] = o => o.Day,
        ["Stars/{branchId}"] = o => o.Branch,
        ["Warnings/{id}"] = o => o.Warning,
        ["Branch/{branchId}"] = o => o.Branch,
        ["Report/{orgId}"] = o => o.Branch,
        ["Year/{orgId}"] = o => o.Branch,
        ["Board/{orgId}"] = o => o.Branch,
        ["Poster/{orgId}"] = o => o.Branch,
        // Supervision
        ["inspections/{id}"] = o => o.Supervised.Inspection,
        ["problem-lists/{id}"] = o => o.Supervised.List,
        ["problem-items/{id}"] = o => o.Supervised.Item,
        ["evidence/{id}"] = o => o.Supervised.Evidence,
        ["samples/{id}"] = o => o.Supervised.Sample,
        ["Inspections/{id}"] = o => o.Supervised.Inspection,
        ["Lists/{id}"] = o => o.Supervised.List,
        ["Samples/{id}"] = o => o.Supervised.Sample,
        ["Dues/{branchId}"] = o => o.Branch,
        ["Member/{memberId}"] = o => o.Member,
        ["commitments/{id}"] = o => o.Commitment,
        ["entries/{id}"] = o => o.ServiceEntry,
        ["topics/{id}"] = o => o.Topic,
        ["days/{id}"] = o => o.Day,
        ["call-outs/{id}"] = o => o.CallOut,
        ["Deliberation/{id}"] = o => o.Topic,
        ["CallOuts/{id}"] = o => o.CallOut,
    };

    /// <summary>Parameters that name no object in anyone's tree.</summary>
    static readonly HashSet<string> NotObjects =
    [
        "lang/{culture}", // a language
        "d/{token}", // a display link's secret: whoever holds it sees that board, by design
        "Error/{code}", // a status code
        "openapi/{documentName}", // the API's description
        "reference/{documentName}", // the same, browsable
    ];

    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>The body of each route that takes one, for the objects it is sent about (and the caller's).</summary>
    static readonly Dictionary<string, Func<Objects, Objects, HttpContent>> Bodies = new()
    {
        ["PUT /api/v1/orgs/{id:int}"] = (_, _) => Json(new { name = "改名" }),
        ["POST /api/v1/orgs/{id:int}/move"] = (_, own) => Json(new { parentId = own.Town }),
        ["POST /api/v1/orgs/{id:int}/close"] = (_, _) => Json(new { }),
        ["POST /api/v1/orgs/{branchId:int}/activity-days"] = (_, _) => Json(Plan("2027-01")),
        ["POST /api/v1/orgs/{branchId:int}/stars/override"] = (o, _) =>
            Json(
                new
                {
                    month = "2026-11",
                    memberId = o.Member,
                    star = "red",
                    reason = "表现突出",
                }
            ),
        ["POST /api/v1/orgs/{branchId:int}/stars/objections"] = (_, _) =>
            Json(new { month = "2026-11", reason = "有异议" }),
        ["POST /api/v1/orgs/{branchId:int}/member-months"] = (o, _) =>
            Json(
                new
                {
                    month = "2026-11",
                    memberId = o.Member,
                    service = "调解纠纷",
                }
            ),
        ["POST /api/v1/members/{memberId:int}/dues/standards"] = (_, _) =>
            Json(new { category = "employed", monthlyIncome = 4000m }),
        ["POST /api/v1/members/{memberId:int}/dues/payments"] = (_, _) =>
            Json(new { from = "2026-11", amount = 0.5m, method = "atMeeting", receiptNo = "A-1" }),
        ["POST /api/v1/members/{memberId:int}/dues/reversals"] = (_, _) =>
            Json(new { paymentId = 1, reason = "录入错误" }),
        ["POST /api/v1/orgs/{branchId:int}/liaisons/"] = (o, _) => Json(new { userId = o.LiaisonUser }),
        ["POST /api/v1/orgs/{branchId:int}/members/import"] = (_, _) =>
            new MultipartFormDataContent
            {
                { new ByteArrayContent("姓名,身份证号,党员类别,入党日期\n"u8.ToArray()), "file", "r.csv" },
            },
        ["PUT /api/v1/members/{id:int}"] = (o, _) => Json(Tree.MemberBody(o.Branch)),
        ["POST /api/v1/members/{id:int}/transfers"] = (_, own) => Json(new { toOrgId = own.Branch }),
        ["POST /api/v1/members/{id:int}/reveal"] = (_, _) => Json(new { field = "idNumber", reason = "核对" }),
        ["POST /api/v1/members/{memberId:int}/aids"] = (_, _) =>
            Json(
                new
                {
                    givenOn = "2026-11-20",
                    amount = 500m,
                    reason = "困难救助",
                    approvedBy = "镇党委",
                }
            ),
        ["PUT /api/v1/activity-days/{id:int}"] = (_, _) => Json(Plan("2026-12")),
        ["POST /api/v1/activity-days/{id:int}/review"] = (_, _) => Json(new { approve = true, comment = "同意" }),
        ["POST /api/v1/activity-days/{id:int}/check-in"] = (_, _) => Json(new { code = "x" }),
        ["POST /api/v1/activity-days/{id:int}/liaison-check-in"] = (_, _) => Json(new { code = "x" }),
        ["POST /api/v1/activity-days/{id:int}/attendance"] = (o, _) =>
            Json(new { memberId = o.Member, reason = "本人到会" }),
        ["POST /api/v1/activity-days/{id:int}/leave"] = (_, _) => Json(new { reason = "外出务工" }),
        ["POST /api/v1/leave/{leaveId:int}/decision"] = (_, _) => Json(new { approve = true }),
        ["POST /api/v1/commitments/{id:int}/fulfilments"] = (_, _) => Json(new { evidence = "已兑现" }),
        ["POST /api/v1/commitments/{id:int}/answer"] = (_, _) => Json(new { confirm = true }),
        ["POST /api/v1/service/entries/{id:int}/send-back"] = (_, _) => Json(new { reason = "请补充" }),
        ["POST /api/v1/deliberation/topics/{id:int}/follow-ups"] = (_, _) => Json(new { what = "已入户核实" }),
        ["POST /api/v1/deliberation/topics/{id:int}/done"] = (_, _) => Json(new { what = "已办结" }),
        ["POST /api/v1/deliberation/topics/{id:int}/drop"] = (_, _) => Json(new { reason = "并入镇级规划" }),
        ["POST /api/v1/deliberation/topics/{id:int}/agenda"] = (_, own) => Json(new { activityDayId = own.Day }),
        ["PUT /api/v1/deliberation/topics/{id:int}"] = (_, _) => Json(new { conclusion = "先入户核实" }),
        ["PUT /api/v1/call-outs/{id:int}/attendance"] = (o, _) =>
            Json(new { lines = new[] { new { memberId = o.Member, came = true, hours = 2m } } }),
        ["PUT /api/v1/service/entries/{id:int}"] = (_, _) =>
            Json(new { kind = "thingDone", what = "帮五保户修水管", doneOn = "2026-01-05" }),
        ["PUT /api/v1/activity-days/{id:int}/make-ups/{memberId:int}"] = (_, _) =>
            Json(new { doneOn = "2026-12-05", what = "补学党章" }),
        ["POST /api/v1/activity-days/{id:int}/study-notes"] = (_, _) => Json(new { text = "学习体会" }),
        ["POST /api/v1/activity-days/{id:int}/door-visits"] = (o, _) =>
            Json(new { memberId = o.Member, what = "送学上门" }),
        ["PUT /api/v1/activity-days/{id:int}/six-musts"] = (_, _) =>
            Json(
                new
                {
                    badgesWorn = true,
                    theoryStudyHeld = true,
                    duesCollected = true,
                    liaisonLeaderPresent = true,
                    starsPosted = true,
                    oathRenewed = true,
                    minutes = "会议记录",
                }
            ),
        ["POST /api/v1/activity-days/{id:int}/photos"] = (_, _) =>
            new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "p.png" } },
        ["POST /api/v1/warnings/{id:int}/follow-ups"] = (_, _) =>
            Json(
                new
                {
                    on = "2026-11-24",
                    who = "书记",
                    what = "谈心谈话",
                }
            ),
        ["POST /api/v1/outbox/{id:long}/failed"] = (_, _) => Json(new { error = "网关超时" }),
        // Supervision
        ["POST /api/v1/supervision/inspections/{id:int}/record"] = (_, _) =>
            Json(new { findings = new[] { "x" }, outcome = "结论" }),
        ["POST /api/v1/supervision/inspections/{id:int}/problem-list"] = (_, _) =>
            Json(new { items = new[] { new { description = "问题" } } }),
        ["POST /api/v1/supervision/inspections/{id:int}/calls"] = (o, _) =>
            Json(new { memberId = o.Member, reached = true, says = "attended" }),
        ["POST /api/v1/supervision/problem-items/{id:int}/answer"] = (_, _) =>
            new MultipartFormDataContent { { new StringContent("已整改"), "text" } },
        ["POST /api/v1/supervision/problem-items/{id:int}/accept"] = (_, _) => Json(new { comment = "同意" }),
        ["POST /api/v1/supervision/problem-items/{id:int}/reopen"] = (_, _) => Json(new { comment = "再改" }),
    };

    static JsonContent Json(object body) => JsonContent.Create(body);

    static object Plan(string month) =>
        new
        {
            month,
            place = "村委会会议室",
            liaisonLeader = "张书记",
            agenda = new[] { new { category = "theoryStudy", title = "学习党章" } },
            studyMaterial = "本月学习材料：党章第一章。",
        };

    /// <summary>The sweep's world: the caller's own branch, one in a sibling town and one in another district, and a
    /// caller of every role over the own branch.</summary>
    sealed record World(HttpClient AdminA, HttpClient AdminB, Objects Own, Objects Sibling, Objects OtherDistrict,
        List<Caller> Callers);

    async Task<World> WorldAsync()
    {
        App.Clock.Set(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var adminA = await App.ClientAsync();
        var (_, adminB) = await SecondDistrictAsync();
        var own = await ObjectsAsync(adminA, "Own");
        var sibling = await ObjectsAsync(adminA, "Sibling");
        var otherDistrict = await ObjectsAsync(adminB, "OtherDistrict");
        var callers = new List<Caller>
        {
            await CallerAsync("districtAdmin", adminA, "admin", YihaoApp.AdminPassword),
            await CallerAsync("inspector", adminA, null, null, own.Town),
            await CallerAsync("townAdmin", adminA, null, null, own.Town),
            await CallerAsync("branchSecretary", adminA, null, null, own.Branch),
            await CallerAsync("liaisonLeader", adminA, UserName(own.LiaisonUser), Password),
            await CallerAsync("member", adminA, UserName(own.MemberUser), Password),
        };
        // The district's policy is written on its first reading: read it before the sweep, which must write nothing.
        Assert.Equal(
            HttpStatusCode.OK,
            (await adminA.GetAsync($"/api/v1/orgs/{own.Branch}/stars?month=2026-11")).StatusCode
        );
        return new World(adminA, adminB, own, sibling, otherDistrict, callers);
    }

    [Fact]
    public async Task Every_route_naming_an_object_answers_404_for_another_towns_and_another_districts()
    {
        var (adminA, adminB, own, sibling, otherDistrict, callers) = await WorldAsync();
        var before = await App.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));

        var endpoints = App
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .ToList();
        var problems = new List<string>();
        var swept = 0;
        foreach (var endpoint in endpoints)
        {
            var parameters = endpoint.RoutePattern.Parameters.Select(p => KeyOf(endpoint.RoutePattern, p)).ToList();
            if (parameters.All(NotObjects.Contains))
                continue;
            if (parameters.FirstOrDefault(p => !Fillers.ContainsKey(p)) is { } unknown)
            {
                problems.Add(
                    $"{endpoint.RoutePattern.RawText}: the sweep cannot fill {unknown}; "
                        + $"add it to {nameof(Fillers)}"
                );
                continue;
            }
            var isApi = endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal);
            var isPage =
                endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null;
            var methods = isPage
                ? ["GET"]
                : endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                var key = $"{method} {endpoint.RoutePattern.RawText}";
                var takesBody = endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null;
                if (takesBody && !Bodies.ContainsKey(key))
                {
                    problems.Add($"{key}: the sweep has no body for it; add one to {nameof(Bodies)}");
                    continue;
                }
                swept++;
                foreach (var caller in callers)
                    foreach (
                        var foreign in caller.Role == "districtAdmin" ? [otherDistrict]
                            : new[] { sibling, otherDistrict }
                    )
                        foreach (var values in Combinations(parameters, own, foreign))
                        {
                            var url = Url(endpoint.RoutePattern, values.Foreign);
                            var missing = Url(endpoint.RoutePattern, values.Missing);
                            var client = isApi ? caller.Api : caller.Pages;
                            var (status, where) = await SendAsync(
                                client,
                                method,
                                url,
                                Bodies.GetValueOrDefault(key),
                                foreign,
                                own
                            );
                            var (expected, expectedWhere) = await SendAsync(
                                client,
                                method,
                                missing,
                                Bodies.GetValueOrDefault(key),
                                foreign,
                                own
                            );
                            var refused = isApi ? status is 404 or 403 : status is 404 or 403 or 302;
                            if (!refused || status != expected || where != expectedWhere)
                                problems.Add(
                                    $"{method} {url} as {caller.Role}: {status} {where} "
                                        + $"(a missing id: {expected} {expectedWhere})"
                                );
                        }
                // The fillers name real objects: their owner reads them.
                if (isApi && method == "GET")
                    foreach (var (owner, objects) in new[] { (adminA, sibling), (adminB, otherDistrict) })
                    {
                        var url = Url(endpoint.RoutePattern, parameters.Select(p => Fillers[p](objects)).ToList());
                        var (status, _) = await SendAsync(owner, "GET", url, null, objects, objects);
                        if (status is 404 or 400)
                            problems.Add($"GET {url} as its owner: {status}, so the sweep proves nothing");
                    }
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(swept > 50, $"only {swept} routes swept");

        // Nothing refused changed anything: no caller wrote an entry in the audit log.
        var ids = callers.Select(c => (int?)c.UserId).ToList();
        var written = await App.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Id > before && ids.Contains(a.UserId))
                .Select(a => a.Action + " " + a.Entity + " " + a.EntityId)
                .ToListAsync()
        );
        Assert.Empty(written);
    }

    /// <summary>Which object a query parameter names, by its name.</summary>
    static readonly Dictionary<string, Func<Objects, long>> QueryFillers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["orgId"] = o => o.Branch,
        ["branchId"] = o => o.Branch,
        ["townId"] = o => o.Town,
        ["memberId"] = o => o.Member,
        ["dayId"] = o => o.Day,
        ["activityDayId"] = o => o.Day,
    };

    /// <summary>
    /// The same sweep for ids in the query string (<c>?orgId=</c> on lists, dashboards and exports), read from the
    /// handlers' parameters and the pages' bound properties: a foreign id must answer exactly as a missing one does,
    /// status, redirect and body alike, so that nothing of the other tree shows.
    /// </summary>
    [Fact]
    public async Task Every_query_naming_an_object_answers_as_for_a_missing_one_outside_the_callers_tree()
    {
        var (_, _, own, sibling, otherDistrict, callers) = await WorldAsync();
        var problems = new List<string>();
        var swept = 0;
        foreach (var endpoint in App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var route = pattern.Parameters.Select(p => KeyOf(pattern, p)).ToList();
            var queries = QueryIds(endpoint);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            if (queries.Count == 0 || !methods.Contains("GET") || route.Any(p => !Fillers.ContainsKey(p)))
                continue;
            if (queries.FirstOrDefault(q => !QueryFillers.ContainsKey(q)) is { } unknown)
            {
                problems.Add($"{pattern.RawText}: the sweep cannot fill ?{unknown}=; add it to {nameof(QueryFillers)}");
                continue;
            }
            swept++;
            var path = Url(pattern, route.Select(p => Fillers[p](own)).ToList());
            var isApi = pattern.RawText!.StartsWith("/api/", StringComparison.Ordinal);
            foreach (var caller in callers)
                foreach (var foreign in caller.Role == "districtAdmin" ? [otherDistrict] : new[] { sibling, otherDistrict })
                    foreach (var query in queries)
                    {
                        var client = isApi ? caller.Api : caller.Pages;
                        var url = $"{path}&{query}={QueryFillers[query](foreign)}";
                        var answer = await ReadAsync(client, url);
                        var expected = await ReadAsync(client, $"{path}&{query}={Missing}");
                        if (answer != expected)
                            problems.Add(
                                $"GET {url} as {caller.Role}: {answer.Status} {answer.Location} "
                                    + $"(a missing id: {expected.Status} {expected.Location}"
                                    + (answer.Status == expected.Status ? ", another body)" : ")")
                            );
                    }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(swept > 10, $"only {swept} routes swept");
    }

    /// <summary>The ids a GET endpoint reads from the query string: a handler's integer parameters named …Id that are
    /// not in its route, or a page's properties bound on GET.</summary>
    static List<string> QueryIds(RouteEndpoint endpoint)
    {
        static bool IsId(string name, Type type) =>
            name.EndsWith("Id", StringComparison.OrdinalIgnoreCase)
            && (Nullable.GetUnderlyingType(type) ?? type) is var t
            && (t == typeof(int) || t == typeof(long));
        var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        IEnumerable<(string Name, Type Type)> candidates;
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is { } page)
            candidates = page
                .HandlerTypeInfo.GetProperties()
                .Where(p =>
                    p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.BindPropertyAttribute), true)
                        is [Microsoft.AspNetCore.Mvc.BindPropertyAttribute { SupportsGet: true }, ..]
                )
                .Select(p => (p.Name, p.PropertyType))
                .Concat(
                    page.HandlerMethods.Where(h => h.HttpMethod == "GET")
                        .SelectMany(h => h.Parameters)
                        .Select(p => (p.Name, p.ParameterType))
                );
        else
            candidates = endpoint
                .Metadata.OfType<IParameterBindingMetadata>()
                .Where(p => p.ParameterInfo.GetCustomAttributes(true).Length == 0)
                .Select(p => (p.Name, p.ParameterInfo.ParameterType));
        return candidates
            .Where(c => IsId(c.Name, c.Type) && !route.Contains(c.Name))
            .Select(c => char.ToLowerInvariant(c.Name[0]) + c.Name[1..])
            .Distinct()
            .ToList();
    }

    /// <summary>A GET's answer as the caller sees it, with its numbers and form tokens taken out.</summary>
    static async Task<(int Status, string? Location, string Body)> ReadAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var location = response.Headers.Location?.OriginalString;
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var body =
            type is "text/event-stream" || type.Contains("spreadsheet", StringComparison.Ordinal)
                ? type
                : await response.Content.ReadAsStringAsync(cancel.Token);
        body = Regex.Replace(Antiforgery.Field().Replace(body, ""), "\"traceId\":\"[^\"]*\"", "");
        body = Numbers.Digits().Replace(body, "#");
        return ((int)response.StatusCode, location is null ? null : Numbers.Digits().Replace(location, "#"), body);
    }

    [Fact]
    public async Task A_district_admin_sees_only_their_own_districts_audit_entries()
    {
        var admin = await App.ClientAsync();
        var (_, adminB) = await SecondDistrictAsync();
        var district = await App.WithDbAsync(db => db.Orgs.Where(o => o.ParentId == null).MinAsync(o => o.Id));
        var mark = Tree.Unique("noDistrict");
        await App.WithDbAsync(async db =>
        {
            await Auditing.AppendAsync(db, 0, "create", "Org", mark, "{}", default);
            await Auditing.AppendAsync(db, district + 100_000, "create", "Org", mark, "{}", default);
            return 0;
        });
        foreach (var reader in new[] { admin, adminB })
        {
            var page = await (await reader.GetAsync($"/api/v1/audit?entityId={mark}")).ReadAsync();
            Assert.Equal(0, page.GetProperty("total").GetInt32());
        }
        // A district's own creation is its own entry, not one of district 0.
        var bRoot = await Tree.RootIdAsync(adminB);
        var bLog = await (await adminB.GetAsync($"/api/v1/audit?entity=Org&entityId={bRoot}")).ReadAsync();
        Assert.Contains(bLog.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("action").GetString() == "create"
        );
        var aLog = await (await admin.GetAsync($"/api/v1/audit?entity=Org&entityId={bRoot}")).ReadAsync();
        Assert.Equal(0, aLog.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_town_admin_assigns_only_liaison_leaders_of_their_own_town()
    {
        var admin = await App.ClientAsync();
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var (otherTown, otherBranch) = await Tree.TownWithBranchAsync(admin);
        var townAdmin = await Tree.AccountAsync(App, admin, "townAdmin", town);
        var ours = await UserAsync(admin, "liaisonLeader", branch);
        var theirs = await UserAsync(admin, "liaisonLeader", otherBranch);
        var (_, adminB) = await SecondDistrictAsync();
        var (_, branchB) = await Tree.TownWithBranchAsync(adminB);
        var elsewhere = await UserAsync(adminB, "liaisonLeader", branchB);

        var url = $"/api/v1/orgs/{branch}/liaisons";
        Assert.Equal(HttpStatusCode.OK, (await townAdmin.PostAsJsonAsync(url, new { userId = ours })).StatusCode);
        foreach (var stranger in new[] { theirs, elsewhere })
        {
            var refused = await townAdmin.PostAsJsonAsync(url, new { userId = stranger });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.ReadAsync()).GetProperty("errors").TryGetProperty("userId", out _));
        }
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await townAdmin.PostAsJsonAsync($"/api/v1/orgs/{otherBranch}/liaisons", new { userId = ours })).StatusCode
        );
        // The district admin assigns any of the district's leaders, across towns, but not another district's.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(url, new { userId = theirs })).StatusCode);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await admin.PostAsJsonAsync(url, new { userId = elsewhere })).StatusCode
        );
        var listed = await (await townAdmin.GetAsync(url)).ReadAsync();
        Assert.Equal(2, listed.GetArrayLength());
        Assert.NotNull(otherTown.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A second district with its admin, made as start-up makes the first.</summary>
    async Task<(string UserName, HttpClient Admin)> SecondDistrictAsync()
    {
        var name = Tree.Unique("adminB");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
            var district = new Org
            {
                Name = Tree.Unique("另一区委"),
                Kind = OrgKind.District,
                CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.Orgs.Add(district);
            await db.SaveChangesAsync();
            district.DistrictId = district.Id;
            district.Path = OrgRules.ChildPath("/", district.Id);
            await db.SaveChangesAsync();
            var user = new User
            {
                UserName = name,
                Role = Roles.DistrictAdmin,
                OrgId = district.Id,
                DistrictId = district.Id,
                CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
                LockoutEnabled = true,
            };
            var made = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().CreateAsync(user, Password);
            Assert.True(made.Succeeded);
        }
        return (name, await App.ClientAsync(name, Password));
    }

    /// <summary>An account made through the API; its id.</summary>
    async Task<int> UserAsync(HttpClient admin, string role, int orgId, int? memberId = null)
    {
        var username = Tree.Unique("u");
        var r = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                username,
                password = Password,
                role,
                orgId,
                memberId,
            }
        );
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return await App.WithDbAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync());
    }

    string UserName(int userId) =>
        App.WithDb(db => db.Users.Where(u => u.Id == userId).Select(u => u.UserName!).Single());

    /// <summary>A town with a branch and one of everything a route can name, made by the admin above it.</summary>
    async Task<Objects> ObjectsAsync(HttpClient admin, string what)
    {
        var (town, branch) = await Tree.TownWithBranchAsync(admin);
        var member = await Tree.MemberAsync(admin, branch);
        var memberUser = await UserAsync(admin, "member", branch, member);
        var secretary = await App.ClientAsync(UserName(await UserAsync(admin, "branchSecretary", branch)), Password);
        var townAdmin = await App.ClientAsync(UserName(await UserAsync(admin, "townAdmin", town)), Password);
        var liaisonUser = await UserAsync(admin, "liaisonLeader", branch);
        Assert.Equal(
            HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/orgs/{branch}/liaisons", new { userId = liaisonUser })).StatusCode
        );

        var created = await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days", Plan("2026-12"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var day = (await created.ReadAsync()).GetProperty("id").GetInt32();
        Assert.Equal(
            HttpStatusCode.OK,
            (await secretary.PostAsync($"/api/v1/activity-days/{day}/submit", null)).StatusCode
        );
        var review = await townAdmin.PostAsJsonAsync($"/api/v1/activity-days/{day}/review", new { approve = true });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var memberClient = await App.ClientAsync(UserName(memberUser), Password);
        var leave = await memberClient.PostAsJsonAsync(
            $"/api/v1/activity-days/{day}/leave",
            new { reason = "外出务工" }
        );
        var photo = await secretary.PostAsync(
            $"/api/v1/activity-days/{day}/photos",
            new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "p.png" } }
        );
        var link = await admin.PostAsync($"/api/v1/orgs/{branch}/display-links", null);
        var districtId = await App.WithDbAsync(db =>
            db.Orgs.Where(o => o.Id == branch).Select(o => o.DistrictId).SingleAsync()
        );
        var warning = await App.WithDbAsync(async db =>
        {
            var w = new Warning
            {
                DistrictId = districtId,
                OrgId = branch,
                SubjectKind = WarningSubject.Member,
                SubjectId = member,
                Rule = "sweep-" + what,
                Level = WarningLevel.Yellow,
                Status = WarningStatus.Open,
                Month = new DateOnly(2026, 11, 1),
                RaisedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.Warnings.Add(w);
            await db.SaveChangesAsync();
            return w.Id;
        });
        var notification = await App.WithDbAsync(db =>
            db.Notifications.Where(n => n.MemberId == member).Select(n => n.Id).FirstAsync()
        );
        var outbox = await App.WithDbAsync(db =>
            db.Outbox.Where(o => o.Key.EndsWith(":" + member)).Select(o => o.Id).FirstAsync()
        );
        var supervised = await SupervisedAsync(admin, secretary, town, branch, day);
        var commitment = await memberClient.PostAsJsonAsync(
            "/api/v1/commitments",
            new { what = "为五保户打扫院子", dueOn = "2099-12-31" }
        );
        var entry = await memberClient.PostAsJsonAsync(
            "/api/v1/service/entries",
            new { kind = "thingDone", what = "帮五保户修水管", doneOn = "2026-01-05" }
        );
        var topic = await App.WithDbAsync(async db =>
        {
            var item = new AgendaItem
            {
                DistrictId = districtId,
                ActivityDayId = day,
                Category = AgendaCategory.Deliberation,
                Title = "评议低保户",
                Position = 9,
            };
            db.AgendaItems.Add(item);
            await db.SaveChangesAsync();
            var t = new DeliberationTopic
            {
                DistrictId = districtId,
                OrgId = branch,
                ActivityDayId = day,
                AgendaItemId = item.Id,
                Title = item.Title,
                Raised = "漏评两户",
                Decision = "入户核实",
                OwnerMemberId = member,
                DueOn = new DateOnly(2026, 12, 20),
                RaisedBy = "sweep",
                RaisedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.DeliberationTopics.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        var callOut = await townAdmin.PostAsJsonAsync("/api/v1/call-outs",
            new { what = "冰雹灾后清理", place = "镇政府", startsAt = "2026-11-26 09:00", needed = 20 });
        Assert.Equal(HttpStatusCode.Created, callOut.StatusCode);
        return new Objects(
            town,
            branch,
            member,
            memberUser,
            liaisonUser,
            day,
            (await leave.ReadAsync()).GetProperty("id").GetInt32(),
            (await photo.ReadAsync()).GetProperty("id").GetInt32(),
            (await link.ReadAsync()).GetProperty("id").GetInt32(),
            warning,
            notification,
            outbox,
            supervised,
            (await commitment.ReadAsync()).GetProperty("id").GetInt32(),
            (await entry.ReadAsync()).GetProperty("id").GetInt32(),
            topic,
            (await callOut.ReadAsync()).GetProperty("id").GetInt32()
        );
    }

    static async Task<Supervised> SupervisedAsync(HttpClient admin, HttpClient secretary, int town, int branch, int day)
    {
        async Task<int> Id(HttpResponseMessage r)
        {
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            return (await r.ReadAsync()).GetProperty("id").GetInt32();
        }
        const string Root = "/api/v1/supervision";
        var phone = await Id(await admin.PostAsJsonAsync($"{Root}/inspections",
            new { kind = "phoneCheck", orgId = branch, activityDayId = day, plannedOn = "2026-12-02" }));
        var visit = await Id(await admin.PostAsJsonAsync($"{Root}/inspections",
            new { kind = "openVisit", orgId = branch, plannedOn = "2026-11-25" }));
        await Id(
            await admin.PostAsJsonAsync($"{Root}/inspections/{visit}/record",
            new { findings = new[] { "缺少会议记录" }, outcome = "下发清单" }));
        var issued = await admin.PostAsJsonAsync($"{Root}/inspections/{visit}/problem-list",
            new { items = new[] { new { description = "补齐会议记录" }, new { description = "佩戴党徽" } } });
        var list = (await issued.ReadAsync());
        var item = list.GetProperty("itemList")[0].GetProperty("id").GetInt32();
        var answered = await secretary.PostAsync($"{Root}/problem-items/{item}/answer",
            new MultipartFormDataContent { { new StringContent("已补齐"), "text" },
                { new ByteArrayContent(Png), "files", "p.png" } });
        var evidence = (await answered.ReadAsync())
            .GetProperty("itemList")[0].GetProperty("history")[1].GetProperty("files")[0]
            .GetProperty("id").GetInt32();
        var sample =
            await Id(
            await admin.PostAsJsonAsync($"{Root}/samples",
                new { purpose = "branches", orgId = town, month = "2026-12", size = 1 }));
        return new Supervised(phone, list.GetProperty("id").GetInt32(), item, evidence, sample);
    }

    /// <summary>A caller of one role in the own town: a token for the API, a signed-in browser for the pages.</summary>
    async Task<Caller> CallerAsync(string role, HttpClient admin, string? username, string? password, int orgId = 0)
    {
        if (username is null)
        {
            username = UserName(await UserAsync(admin, role, orgId));
            password = Password;
        }
        var pages = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await (await pages.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        var token = Antiforgery.Field().Match(form).Groups[1].Value;
        var signIn = await pages.PostAsync(
            "/Account/Login",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Username"] = username,
                    ["Password"] = password!,
                    ["__RequestVerificationToken"] = token,
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var id = await App.WithDbAsync(db =>
            db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync()
        );
        return new Caller(role, await App.ClientAsync(username, password!), pages, id);
    }

    /// <summary>"orgs/{id}": the literal segment before a parameter and its name.</summary>
    static string KeyOf(RoutePattern pattern, RoutePatternParameterPart parameter)
    {
        var segments = pattern.PathSegments;
        var at = segments.ToList().FindIndex(s => s.Parts.Contains(parameter));
        var before = at > 0 && segments[at - 1].Parts is [RoutePatternLiteralPart literal] ? literal.Content : "";
        return $"{before}/{{{parameter.Name}}}";
    }

    /// <summary>
    /// All parameters foreign; and for a route of several, each one foreign with the others the caller's own (a photo
    /// of another district's day asked for under one's own day). Each with the same ids replaced by a missing one.
    /// </summary>
    static IEnumerable<(List<long> Foreign, List<long> Missing)> Combinations(
        List<string> parameters,
        Objects own,
        Objects foreign
    )
    {
        yield return (
            parameters.Select(p => Fillers[p](foreign)).ToList(),
            parameters.Select(_ => (long)Missing).ToList()
        );
        if (parameters.Count < 2)
            yield break;
        for (var i = 0; i < parameters.Count; i++)
        {
            var at = i;
            yield return (
                parameters.Select((p, j) => Fillers[p](j == at ? foreign : own)).ToList(),
                parameters.Select((p, j) => j == at ? Missing : Fillers[p](own)).ToList()
            );
        }
    }

    static string Url(RoutePattern pattern, List<long> values)
    {
        var parts = new List<string>();
        var next = 0;
        foreach (var segment in pattern.PathSegments)
            parts.Add(
                string.Concat(
                    segment.Parts.Select(p =>
                        p switch
                        {
                            RoutePatternLiteralPart l => l.Content,
                            RoutePatternParameterPart => values[next++].ToString(CultureInfo.InvariantCulture),
                            RoutePatternSeparatorPart s => s.Content,
                            _ => "",
                        }
                    )
                )
            );
        return "/" + string.Join('/', parts) + "?month=2026-11";
    }

    static async Task<(int Status, string? Location)> SendAsync(
        HttpClient client,
        string method,
        string url,
        Func<Objects, Objects, HttpContent>? body,
        Objects foreign,
        Objects own
    )
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = body?.Invoke(foreign, own),
        };
        if (request.Content is null && method is "POST" or "PUT")
            request.Content = new StringContent("");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // A live board streams: its headers are the answer.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var location = response.Headers.Location?.OriginalString;
        // A redirect is compared without its numbers: "/CheckIn/123" for a missing 123 is the same answer as for any
        // id.
        return ((int)response.StatusCode, location is null ? null : Numbers.Digits().Replace(location, "#"));
    }
}

static partial class Antiforgery
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    public static partial Regex Field();
}

static partial class Numbers
{
    [GeneratedRegex("[0-9]+")]
    public static partial Regex Digits();
}

public sealed class ScopeSweepTestsOnSqlite(SqliteApp app) : ScopeSweepTests<SqliteApp>(app);

public sealed class ScopeSweepTestsOnPostgres(PostgresApp app) : ScopeSweepTests<PostgresApp>(app);
