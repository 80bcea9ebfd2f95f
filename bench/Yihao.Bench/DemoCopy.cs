
namespace Yihao.Bench;

/// <summary>
/// The k-th copy of the demo inside <see cref="BenchDistrict.CopyDemoAsync"/>: each method copies one area's rows of
/// the demo (ids below the strides), shifting the ids that point at copied rows. Tables whose copies take new ids are
/// copied from the demo's own rows.
/// </summary>
sealed class DemoCopy(YihaoDb db, int district, int k)
{
    /// <summary>Ids of the k-th copy are the demo's plus k strides (the district itself is shared).</summary>
    public const int OrgStride = 10_000, MemberStride = 100_000, DayStride = 100_000, BoardStride = 100_000,
        RowStride = 1_000_000;

    public string Org => By("org_id", OrgStride);
    public string Member => By("member_id", MemberStride);
    string Row => By("id", RowStride);
    static string Base => $"id < {RowStride}";
    public static string DemoMembers => $"member_id < {MemberStride}";

    public async Task OrgsAsync()
    {
        var orgs = await db.Orgs.AsNoTracking()
            .Where(o => o.DistrictId == district && o.Id != district && o.Id < OrgStride).ToListAsync();
        int O(int id) => id == district ? id : id + k * OrgStride;
        await BulkCopy.InsertAsync(db, "orgs",
            ["id", "district_id", "parent_id", "name", "kind", "path", "depth", "starts_on", "ends_on",
                "closed_on", "created_at", "version"],
            orgs.Select(o => new object?[]
            {
                O(o.Id), o.DistrictId, o.ParentId is { } p ? O(p) : null,
                o.Kind == OrgKind.Town ? $"{o.Name}（{k + 1}）" : o.Name, o.Kind.ToString(),
                "/" + string.Join("/", o.Path.Trim('/').Split('/').Select(s => O(int.Parse(s,
                    System.Globalization.CultureInfo.InvariantCulture)))) + "/",
                o.Depth, o.StartsOn, o.EndsOn, o.ClosedOn, o.CreatedAt, o.Version,
            }), CancellationToken.None);
    }

    /// <summary>The members, each with an id number of their own.</summary>
    public Task MembersAsync() => RowsAsync<Member>($"id < {MemberStride}", ("id", By("id", MemberStride)),
        ("org_id", Org), ("id_number", $"'{610600 + k}' || substr(id_number, 7)"));

    /// <summary>The activity days, and of each the member rows given (attendances, make-ups, study notes).</summary>
    public async Task DaysAsync(params Type[] rows)
    {
        await RowsAsync<ActivityDay>($"id < {DayStride}", ("id", By("id", DayStride)), ("org_id", Org));
        foreach (var t in rows)
            await CopyAsync(db, t, $"activity_day_id < {DayStride}",
                new() { ["activity_day_id"] = By("activity_day_id", DayStride), ["member_id"] = Member });
    }

    /// <summary>The months' star boards as the branches left them, and their members' stars.</summary>
    public async Task BoardsAsync()
    {
        await RowsAsync<StarBoard>($"id < {BoardStride}", ("id", By("id", BoardStride)), ("org_id", Org));
        await RowsAsync<MemberStar>($"board_id < {BoardStride}", ("board_id", By("board_id", BoardStride)),
            ("member_id", Member));
    }

    /// <summary>Service entries and their members (with the volunteers' bits per member, branch and year),
    /// commitments, dues standards, payments and the months they cover (with their bits per member and year).</summary>
    public async Task LedgersAsync()
    {
        // Links to pairings, call-outs and topics are not counted: the copies carry none.
        await RowsAsync<ServiceEntry>(Base, ("id", Row), ("org_id", Org), ("pairing_id", "NULL"),
            ("request_key", "NULL"));
        await RowsAsync<ServiceEntryMember>($"entry_id < {RowStride}", ("entry_id", By("entry_id", RowStride)),
            ("member_id", Member));
        await RowsAsync<Commitment>(DemoMembers, ("org_id", Org), ("member_id", Member));
        await RowsAsync<DuesStandard>(DemoMembers, ("member_id", Member));
        await RowsAsync<DuesPayment>(Base, ("id", Row), ("org_id", Org), ("member_id", Member),
            ("reverses_id", By("reverses_id", RowStride)));
        await RowsAsync<DuesMonth>($"payment_id < {RowStride}", ("payment_id", By("payment_id", RowStride)),
            ("member_id", Member));
        await RowsAsync<DuesPaidYear>(DemoMembers, ("member_id", Member)); // the dues months' bits, kept with them
        await RowsAsync<VolunteerYear>(DemoMembers, ("org_id", Org), ("member_id", Member)); // the volunteers' bits
    }

    /// <summary>Inspections, the problem lists they issued and the lists' items (without the findings they came
    /// from: the dashboard counts items).</summary>
    public async Task SupervisionAsync()
    {
        await RowsAsync<Inspection>(Base, ("id", Row), ("org_id", Org),
            ("activity_day_id", By("activity_day_id", DayStride)));
        await RowsAsync<ProblemList>(Base, ("id", Row), ("org_id", Org),
            ("inspection_id", By("inspection_id", RowStride)));
        await RowsAsync<ProblemItem>($"list_id < {RowStride}", ("list_id", By("list_id", RowStride)),
            ("org_id", Org), ("finding_id", "NULL"));
    }

    /// <summary>The warnings of the demo's branches and members (their follow-ups are not copied: the rollups copied
    /// alongside count them).</summary>
    public Task WarningsAsync() => RowsAsync<Warning>($"org_id < {OrgStride}", ("org_id", Org),
        ("subject_id", $"subject_id + CASE WHEN subject_kind = '{WarningSubject.Member}' THEN {k * MemberStride} " +
            $"ELSE {k * OrgStride} END"));

    /// <summary>The branches' month rollups, as the writes left them.</summary>
    public Task RollupsAsync() => RowsAsync<MonthRollup>($"org_id < {OrgStride}", ("org_id", Org));

    public Task AidsAsync() => RowsAsync<Aid>(DemoMembers, ("member_id", Member));

    /// <summary>A column of the k-th copy: the demo's value shifted by k strides.</summary>
    public string By(string column, int stride) => $"{column} + {k * stride}";

    /// <summary>The demo's rows of a table that match, with the columns given changed.</summary>
    public Task RowsAsync<T>(string where, params (string Column, string Value)[] change) =>
        CopyAsync<T>(db, where, change.ToDictionary(c => c.Column, c => c.Value));
}
