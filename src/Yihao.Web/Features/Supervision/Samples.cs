using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Stars;
using Yihao.Web.Infrastructure;
using static Yihao.Web.Infrastructure.Api;

namespace Yihao.Web.Features.Supervision;

public sealed record SampleRequest(string? Purpose, int? OrgId, int? ActivityDayId, string? Month, int? Size);

public sealed record CandidateView(int Id, string Name, long Weight);

public sealed record SampleView(int Id, string Purpose, int OrgId, string Org, int? ActivityDayId, string Month,
    int Size,
    string Seed, string Algorithm, IReadOnlyList<CandidateView> Candidates, IReadOnlyList<int> Picked, string DrawnBy,
    DateTime DrawnAt)
{
    /// <summary>Drawn again from the stored seed and candidates: the ids, and whether they are the stored
    /// ones.</summary>
    public IReadOnlyList<int>? Redrawn { get; init; }

    public bool? Matches { get; init; }

    /// <summary>Each branch candidate's risk inputs and the weights of the policy, as drawn.</summary>
    public JsonElement? Inputs { get; init; }
}

public sealed record SampleAdded(SampleDraw Draw, bool New);

/// <summary>
/// Samples (抽样) nobody chose by hand: branches under a node for a month, weighted by risk, or members from a closed
/// day's attendance list, drawn by <see cref="Sampling"/> from a random 64-bit seed; seed, candidates, weights and the
/// algorithm are stored and every read draws again and compares. One sample per node and month, or per day.
/// </summary>
public static class Samples
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Outcome<SampleAdded>> DrawAsync(Scope scope, YihaoDb db, TimeProvider clock,
        SampleRequest r,
        CancellationToken ct = default)
    {
        if (!Inspections.Supervises(scope)) return Fail.Forbidden;
        var purpose = Inspections.Parse<SamplePurpose>(r.Purpose);
        if (purpose is null) return Fail.Invalid("purpose", "The purpose is branches or members.");
        var size = r.Size ?? 5;
        if (size is < 1 or > 100) return Fail.Invalid("size", "A sample has 1 to 100.");
        var today = DistrictTime.Today(clock);
        var row = new SampleDraw
        {
            DistrictId = scope.DistrictId,
            Purpose = purpose.Value,
            Size = size,
            Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)),
            Algorithm = Sampling.Algorithm,
            DrawnBy = scope.UserName,
            DrawnAt = clock.GetUtcNow().UtcDateTime,
        };
        List<(int Id, long Weight)> candidates;
        if (purpose == SamplePurpose.Branches)
        {
            var month = r.Month is null ? new DateOnly(today.Year, today.Month, 1)
                : ActivityDays.Plans.ParseMonth(r.Month);
            if (month is null) return Fail.Invalid("month", "Write the month as 2026-12.");
            var org = await scope.Orgs(db).AsNoTracking()
                .FirstOrDefaultAsync(o => o.Id == (r.OrgId ?? scope.OrgId), ct);
            if (org is null) return Fail.NotFound;
            row.OrgId = org.Id;
            row.Month = month.Value;
            row.Subject = $"branches:{org.Id}:{month:yyyy-MM}";
            if (await ExistingAsync(db, row) is { } same) return new SampleAdded(same, false);
            (candidates, row.Inputs) = await BranchCandidatesAsync(db, scope.DistrictId, org.Path, month.Value, today,
                ct);
        }
        else
        {
            if (r.ActivityDayId is not { } dayId) return Fail.Invalid("activityDayId",
                "Choose the day whose attendance to sample.");
            var day = await ActivityDays.Plans.FindAsync(scope, db, dayId, ct);
            if (day is null) return Fail.NotFound;
            if (day.State != ActivityState.Closed)
                return Fail.Invalid("activityDayId", "Members are sampled only from a closed day's attendance list.");
            row.OrgId = day.OrgId;
            row.ActivityDayId = day.Id;
            row.Month = day.Month;
            row.Subject = $"members:{day.Id}";
            if (await ExistingAsync(db, row) is { } same) return new SampleAdded(same, false);
            candidates =
                (await db.Attendances.AsNoTracking().Where(a => a.ActivityDayId == day.Id).Select(a => a.MemberId)
                .ToListAsync(ct)).Select(m => (m, 1L)).ToList();
        }
        candidates = [.. candidates.OrderBy(c => c.Id)];
        if (candidates.Count == 0) return Fail.Invalid("", "There is nothing to draw from.");
        row.Candidates = JsonSerializer.Serialize(candidates.Select(c => new[] { c.Id, c.Weight }));
        row.Picked = JsonSerializer.Serialize(Sampling.Draw((ulong)row.Seed, candidates, size));
        db.SampleDraws.Add(row);
        if (await Retry.SaveAsync(db, ct) is { } fail)
        {
            db.ChangeTracker.Clear();
            return await ExistingAsync(db, row) is { } first ? new SampleAdded(first, false) : fail;
        }
        return new SampleAdded(row, true);
    }

    /// <summary>The open branches under a path with their risk weights for a month (ascending id), and what each
    /// weight was made of with the policy's weights, as a draw stores them.</summary>
    public static async Task<(List<(int Id, long Weight)> Candidates, string Inputs)> BranchCandidatesAsync(
        YihaoDb db, int districtId, string path, DateOnly month, DateOnly today, CancellationToken ct = default)
    {
        var policy = Policies.Read(await Policies.InForceAsync(db, districtId, month, ct));
        var w = policy.Supervision.Weights;
        var inputs = await Risk.LoadAsync(db, districtId, path, month, policy.Supervision,
            policy.BranchWarnings.YellowBelowRate, today, ct);
        var candidates = inputs.Select(i => (i.Key, i.Value.Weight(w))).ToList();
        return (candidates, JsonSerializer.Serialize(
            new { weights = w, riskMonths = policy.Supervision.RiskMonths, branches = inputs }, Json));
    }

    static Task<SampleDraw?> ExistingAsync(YihaoDb db, SampleDraw row) =>
        db.SampleDraws.AsNoTracking()
            .FirstOrDefaultAsync(s => s.DistrictId == row.DistrictId && s.Subject == row.Subject);

    /// <summary>The samples the user may see: supervisors only (a sample says whom they will visit), of nodes in their
    /// subtree.</summary>
    public static IQueryable<SampleDraw> Visible(Scope s, YihaoDb db)
    {
        var orgs = s.Orgs(db);
        var may = Inspections.Supervises(s);
        return db.SampleDraws.Where(d => d.DistrictId == s.DistrictId && may && orgs.Any(o => o.Id == d.OrgId));
    }

    public static List<(int Id, long Weight)> CandidatesOf(SampleDraw d) =>
        (JsonSerializer.Deserialize<List<long[]>>(d.Candidates) ?? []).Select(c => ((int)c[0], c[1])).ToList();

    public static List<int> PickedOf(SampleDraw d) => JsonSerializer.Deserialize<List<int>>(d.Picked) ?? [];

    public static async Task<SampleView> ViewAsync(YihaoDb db, SampleDraw d, bool verify, CancellationToken ct)
    {
        var candidates = CandidatesOf(d);
        var ids = candidates.Select(c => c.Id).ToList();
        var names = d.Purpose == SamplePurpose.Branches
            ? await db.Orgs.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct)
            : await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
                .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var org = await db.Orgs.AsNoTracking().Where(o => o.Id == d.OrgId).Select(o => o.Name).FirstAsync(ct);
        var picked = PickedOf(d);
        var view =
            new SampleView(d.Id, Words.Camel(d.Purpose), d.OrgId, org, d.ActivityDayId, d.Month.ToString("yyyy-MM"),
            d.Size, ((ulong)d.Seed).ToString(System.Globalization.CultureInfo.InvariantCulture), d.Algorithm,
            candidates.Select(c => new CandidateView(c.Id, names.GetValueOrDefault(c.Id) ?? "", c.Weight)).ToList(),
                picked,
            d.DrawnBy, d.DrawnAt);
        if (!verify) return view;
        var again = d.Algorithm == Sampling.Algorithm ? Sampling.Draw((ulong)d.Seed, candidates, d.Size) : null;
        return view with
        {
            Redrawn = again,
            Matches = again is not null && again.SequenceEqual(picked),
            Inputs = d.Purpose == SamplePurpose.Branches ? JsonSerializer.Deserialize<JsonElement>(d.Inputs) : null,
        };
    }

    public static RouteGroupBuilder MapSamplesApi(this RouteGroupBuilder g)
    {
        g.MapPost("/samples",
            (SampleRequest body, ClaimsPrincipal user, YihaoDb db, TimeProvider clock, CancellationToken ct) =>
            WithScope(user, db, ct, async s => await Respond(await DrawAsync(s, db, clock, body, ct),
                async a => (a.New, await ViewAsync(db, a.Draw, true, ct)),
                v => v.New ? TypedResults.Created($"/api/v1/supervision/samples/{v.Item2.Id}", v.Item2)
                    : TypedResults.Ok(v.Item2))))
            .Produces<SampleView>(StatusCodes.Status201Created).Produces<SampleView>()
            .WithDescription(
                "purpose branches: the open branches under orgId (default: the caller's node) for month, weighted by " +
                             "risk; purpose members: the attendance list of the closed day activityDayId, weight 1 " +
                                 "each. One " +
                             "sample per node and month or per day: asking again answers the first (200).");

        g.MapGet("/samples",
            (string? purpose, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) =>
            WithScope(user, db, ct, async s =>
        {
            if (!Inspections.Supervises(s)) return Problems.Forbidden();
            var q = Visible(s, db).AsNoTracking();
            if (Inspections.Parse<SamplePurpose>(purpose) is { } p) q = q.Where(d => d.Purpose == p);
            var rows = await q.OrderByDescending(d => d.Id).Take(200).ToListAsync(ct);
            var views = new List<SampleView>();
            foreach (var d in rows) views.Add(await ViewAsync(db, d, false, ct));
            return TypedResults.Ok(views);
        })).Produces<List<SampleView>>();

        g.MapGet("/samples/{id:int}",
            (int id, ClaimsPrincipal user, YihaoDb db, CancellationToken ct) => WithScope(user, db, ct, async s =>
            await Visible(s, db).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } d
                ? TypedResults.Ok(await ViewAsync(db, d, true, ct))
                : Inspections.Supervises(s) ? Problems.NotFound() : Problems.Forbidden()))
            .Produces<SampleView>()
                .WithDescription("Draws the sample again from what was stored and says whether it matches.");

        g.MapPhoneChecksApi();
        return g;
    }
}
