using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Domain;

namespace Yihao.Tests.Support;

/// <summary>Builds small trees and members through the API, as a district admin would.</summary>
public static class Tree
{
    static int seq;

    public static string Unique(string prefix) =>
        $"{prefix}{Interlocked.Increment(ref seq)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage r) =>
        await r.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<int> RootIdAsync(HttpClient admin) =>
        (await (await admin.GetAsync("/api/v1/orgs/root")).ReadAsync()).GetProperty("id").GetInt32();

    public static async Task<int> OrgAsync(HttpClient admin, int parentId, string kind, string? name = null,
        string? startsOn = null, string? endsOn = null)
    {
        var r = await admin.PostAsJsonAsync("/api/v1/orgs",
            new { parentId, name = name ?? Unique(kind), kind, startsOn, endsOn });
        Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode);
        return (await r.ReadAsync()).GetProperty("id").GetInt32();
    }

    /// <summary>A town with one branch under it.</summary>
    public static async Task<(int Town, int Branch)> TownWithBranchAsync(HttpClient admin)
    {
        var town = await OrgAsync(admin, await RootIdAsync(admin), "town");
        return (town, await OrgAsync(admin, town, "branch"));
    }

    public static object MemberBody(int orgId, string? idNumber = null, string name = "王建国",
        string? phone = "13812345678") =>
        new
        {
            orgId,
            name,
            idNumber = idNumber ?? People.IdNumber(),
            phone,
            kind = "full",
            joinedOn = "2001-07-01",
            monthlyDues = 0.5m
        };

    public static async Task<int> MemberAsync(HttpClient admin, int orgId, string? idNumber = null)
    {
        var r = await admin.PostAsJsonAsync("/api/v1/members", MemberBody(orgId, idNumber));
        Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode);
        return (await r.ReadAsync()).GetProperty("id").GetInt32();
    }

    /// <summary>A closed day of the org's month that began at <paramref name="at"/> and took two hours.</summary>
    public static ActivityDay ClosedDay(int district, int org, DateOnly month, DateTime at) => new()
    {
        DistrictId = district,
        OrgId = org,
        Month = month,
        StartsAt = at,
        EndsAt = at.AddHours(2),
        Place = "会议室",
        State = ActivityState.Closed,
        ClosedAt = at.AddHours(2),
        CodeKey = ActivityDay.NewCodeKey(),
        CreatedAt = at,
        UpdatedAt = at,
    };

    /// <summary>A closed day of the branch for the month <paramref name="at"/> falls in, written straight to the
    /// database with its attendance rows (the rollups follow from the save).</summary>
    public static Task<int> ClosedDayAsync(YihaoApp app, int branch, DateTime at,
        params (int Member, AttendanceStatus Status, CheckInMethod Method)[] rows) =>
        app.WithDbAsync(async db =>
        {
            var district = await db.Orgs.Where(o => o.Id == branch).Select(o => o.DistrictId).SingleAsync();
            var day = ClosedDay(district, branch, new DateOnly(at.Year, at.Month, 1), at);
            db.ActivityDays.Add(day);
            await db.SaveChangesAsync();
            db.Attendances.AddRange(rows.Select(r => new Attendance
            {
                DistrictId = district,
                ActivityDayId = day.Id,
                MemberId = r.Member,
                Status = r.Status,
                Method = r.Method,
                At = at,
            }));
            await db.SaveChangesAsync();
            return day.Id;
        });

    public static async Task<HttpClient> AccountAsync(YihaoApp app, HttpClient admin, string role, int orgId,
        int? memberId = null)
    {
        var username = Unique("u");
        var r = await admin.PostAsJsonAsync("/api/v1/users",
            new { username, password = "Passw0rd-x", role, orgId, memberId });
        Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode);
        return await app.ClientAsync(username, "Passw0rd-x");
    }
}
