using Yihao.Web.Domain;

namespace Yihao.Tests.Domain;

public class StarRulesTests
{
    static readonly DateOnly March = new(2026, 3, 1);
    const string Day = "2026-03-01";

    static MemberMonth Member(
        AttendanceStatus? status = AttendanceStatus.Present,
        MakeUpState makeUp = MakeUpState.None,
        bool dayHeld = true,
        bool expected = true,
        bool studyNote = true,
        bool duesPaid = true,
        bool served = true,
        DateOnly? month = null) =>
        new(7, month ?? March, dayHeld, expected, status, dayHeld ? month ?? March : null, makeUp, studyNote, duesPaid,
            served);

    static readonly Reason AllDone = new("Took part, studied, paid dues and served.");

    // ---- Rate ----

    [Fact]
    public void The_star_alone_is_the_star_Rate_gives_for_every_month_under_every_policy()
    {
        var bools = new[] { false, true };
        var policies =
            from attendance in bools
            from note in bools
            from dues in bools
            from service in bools
            from blueAbsence in bools
            from blueDues in bools
            select new StarPolicy
            {
                Red = { Attendance = attendance, StudyNote = note, Dues = dues, Service = service },
                Blue = { UnexcusedWithoutMakeUp = blueAbsence, DuesUnpaid = blueDues },
            };
        var statuses = Enum.GetValues<AttendanceStatus>().Select(s => (AttendanceStatus?)s).Append(null);
        var months =
            (from status in statuses
             from makeUp in Enum.GetValues<MakeUpState>()
             from held in bools
             from expected in bools
             from note in bools
             from paid in bools
             from served in bools
             select Member(status, makeUp, held, expected, note, paid, served)).ToList();
        var seen = new HashSet<StarColor>();
        foreach (var policy in policies)
            foreach (var m in months)
            {
                var star = StarRules.Star(policy, m);
                Assert.Equal(StarRules.Rate(policy, m).Star, star);
                seen.Add(star);
            }
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void Present_with_study_note_dues_and_service_is_red()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member());
        Assert.Equal(StarColor.Red, star);
        Assert.Equal([AllDone], reasons);
    }

    [Fact]
    public void A_missing_study_note_makes_yellow()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(studyNote: false));
        Assert.Equal(StarColor.Yellow, star);
        Assert.Equal([new Reason("No study note.")], reasons);
    }

    [Fact]
    public void A_missing_service_makes_yellow()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(served: false));
        Assert.Equal(StarColor.Yellow, star);
        Assert.Equal([new Reason("No service or commitment fulfilled.")], reasons);
    }

    [Fact]
    public void Unexcused_absence_without_a_make_up_row_is_blue()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(AttendanceStatus.Unexcused, MakeUpState.None));
        Assert.Equal(StarColor.Blue, star);
        Assert.Equal([new Reason("Absent without leave on {0}; make-up not yet done.", Day)], reasons);
    }

    [Fact]
    public void Unexcused_absence_with_an_overdue_make_up_is_blue_and_names_the_day()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(AttendanceStatus.Unexcused, MakeUpState.Overdue));
        Assert.Equal(StarColor.Blue, star);
        Assert.Equal([new Reason("Absent without leave on {0}; make-up overdue.", Day)], reasons);
    }

    [Fact]
    public void Unexcused_absence_with_a_make_up_not_yet_due_is_yellow_not_blue()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(AttendanceStatus.Unexcused, MakeUpState.Pending));
        Assert.Equal(StarColor.Yellow, star);
        Assert.Equal([new Reason("Absent without leave on {0}; make-up not yet done.", Day)], reasons);
    }

    [Fact]
    public void A_make_up_done_on_its_last_day_is_in_time_and_leaves_red()
    {
        // The caller classifies: done on the due date is not overdue, so it passes DoneInTime.
        var makeUp = new MakeUp { DueOn = new DateOnly(2026, 3, 16), DoneOn = new DateOnly(2026, 3, 16) };
        Assert.False(makeUp.IsOverdue(new DateOnly(2026, 3, 31)));

        var (star, reasons) =
            StarRules.Rate(new StarPolicy(), Member(AttendanceStatus.Unexcused, MakeUpState.DoneInTime));
        Assert.Equal(StarColor.Red, star);
        Assert.Equal([new Reason("Absent on {0}; made up in time.", Day)], reasons);
    }

    [Fact]
    public void An_excused_absence_made_up_in_time_is_red()
    {
        var (star, reasons) =
            StarRules.Rate(new StarPolicy(), Member(AttendanceStatus.Excused, MakeUpState.DoneInTime));
        Assert.Equal(StarColor.Red, star);
        Assert.Equal([new Reason("Absent on {0}; made up in time.", Day)], reasons);
    }

    [Theory]
    [InlineData(MakeUpState.None, "Absent with leave on {0}; make-up not yet done.")]
    [InlineData(MakeUpState.Pending, "Absent with leave on {0}; make-up not yet done.")]
    [InlineData(MakeUpState.Overdue, "Absent with leave on {0}; make-up overdue.")]
    [InlineData(MakeUpState.DoneLate, "Absent with leave on {0}; made up late.")]
    public void An_excused_absence_not_made_up_in_time_is_yellow(MakeUpState makeUp, string key)
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(AttendanceStatus.Excused, makeUp));
        Assert.Equal(StarColor.Yellow, star);
        Assert.Equal([new Reason(key, Day)], reasons);
    }

    [Fact]
    public void Unpaid_dues_are_blue_by_default()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(duesPaid: false));
        Assert.Equal(StarColor.Blue, star);
        Assert.Equal([new Reason("Dues not paid.")], reasons);
    }

    [Fact]
    public void Unpaid_dues_are_yellow_when_the_policy_does_not_make_them_blue()
    {
        var policy = new StarPolicy { Blue = { DuesUnpaid = false } };
        var (star, reasons) = StarRules.Rate(policy, Member(duesPaid: false));
        Assert.Equal(StarColor.Yellow, star);
        Assert.Equal([new Reason("Dues not paid.")], reasons);
    }

    [Fact]
    public void A_blue_star_gives_only_the_blue_reasons()
    {
        var (star, reasons) =
            StarRules.Rate(new StarPolicy(), Member(AttendanceStatus.Unexcused, studyNote: false, duesPaid: false));
        Assert.Equal(StarColor.Blue, star);
        Assert.Equal(
            [new Reason("Absent without leave on {0}; make-up not yet done.", Day), new Reason("Dues not paid.")],
            reasons);
    }

    [Fact]
    public void A_month_without_an_activity_day_can_still_be_red()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(status: null, dayHeld: false));
        Assert.Equal(StarColor.Red, star);
        Assert.Equal([new Reason("No activity day was held this month.")], reasons);
    }

    [Fact]
    public void A_month_without_an_activity_day_is_yellow_when_something_else_is_undone()
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(status: null, dayHeld: false, studyNote: false));
        Assert.Equal(StarColor.Yellow, star);
        Assert.Equal([new Reason("No activity day was held this month."), new Reason("No study note.")], reasons);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(AttendanceStatus.Unexcused)]
    public void A_member_transferred_in_after_the_day_is_not_held_to_it(AttendanceStatus? status)
    {
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(status, expected: false));
        Assert.Equal(StarColor.Red, star);
        Assert.Equal([AllDone], reasons);
    }

    [Theory]
    [InlineData(AttendanceStatus.Present)]
    [InlineData(AttendanceStatus.Online)]
    [InlineData(AttendanceStatus.AtDoor)]
    public void Present_online_and_at_the_door_all_count_as_taking_part(AttendanceStatus status)
    {
        Assert.True(StarRules.TookPart(status));
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(status));
        Assert.Equal(StarColor.Red, star);
        Assert.Equal([AllDone], reasons);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(AttendanceStatus.Excused)]
    [InlineData(AttendanceStatus.Unexcused)]
    public void Absence_is_not_taking_part(AttendanceStatus? status) => Assert.False(StarRules.TookPart(status));

    [Fact]
    public void Leave_approved_after_the_meeting_stays_unexcused_and_blue_without_a_make_up()
    {
        // Leave counts only when asked before the meeting: the record stays Unexcused.
        var (star, reasons) = StarRules.Rate(new StarPolicy(), Member(AttendanceStatus.Unexcused, MakeUpState.None));
        Assert.Equal(StarColor.Blue, star);
        Assert.Equal([new Reason("Absent without leave on {0}; make-up not yet done.", Day)], reasons);
    }

    [Fact]
    public void A_policy_without_the_study_note_rule_makes_a_member_without_a_note_red()
    {
        var policy = new StarPolicy { Red = { StudyNote = false } };
        var (star, reasons) = StarRules.Rate(policy, Member(studyNote: false));
        Assert.Equal(StarColor.Red, star);
        Assert.Equal([AllDone], reasons);
    }

    // ---- MemberWarnings ----

    static (MemberMonth, StarColor) At(int month, StarColor star, AttendanceStatus? status = AttendanceStatus.Present,
        MakeUpState makeUp = MakeUpState.None, bool duesPaid = true) =>
        (Member(status, makeUp, duesPaid: duesPaid, month: new DateOnly(2026, month, 1)), star);

    static List<(string Rule, bool Red)> Rules(List<(string Rule, bool Red, List<Reason> Reasons)> found) =>
        [.. found.Select(w => (w.Rule, w.Red))];

    [Fact]
    public void One_unexcused_month_raises_a_yellow_warning()
    {
        var found =
            StarRules.MemberWarnings(new StarPolicy(),
            [At(1, StarColor.Red), At(2, StarColor.Blue, AttendanceStatus.Unexcused)]);
        Assert.Equal([("absentUnexcused", false)], Rules(found));
        Assert.Equal([new Reason("Absent without leave on {0}.", "2026-02-01")], found[0].Reasons);
    }

    [Fact]
    public void An_unexcused_month_made_up_in_time_raises_no_yellow_warning()
    {
        var found =
            StarRules.MemberWarnings(new StarPolicy(),
            [At(2, StarColor.Red, AttendanceStatus.Unexcused, MakeUpState.DoneInTime)]);
        Assert.Empty(found);
    }

    [Fact]
    public void Two_unexcused_months_in_a_row_raise_red_in_place_of_yellow()
    {
        var found = StarRules.MemberWarnings(new StarPolicy(),
            [At(1, StarColor.Blue, AttendanceStatus.Unexcused), At(2, StarColor.Blue, AttendanceStatus.Unexcused)]);
        Assert.Equal([("absentRepeatedly", true), ("blueRepeatedly", true)], Rules(found));
        Assert.Equal([new Reason("Absent without leave {0} months in a row.", "2")], found[0].Reasons);
    }

    [Fact]
    public void Unexcused_months_broken_by_a_present_month_are_not_repeated()
    {
        var found = StarRules.MemberWarnings(new StarPolicy(),
            [At(1, StarColor.Blue, AttendanceStatus.Unexcused), At(2, StarColor.Red),
                At(3, StarColor.Blue, AttendanceStatus.Unexcused)]);
        Assert.Equal([("absentUnexcused", false)], Rules(found));
    }

    [Fact]
    public void An_overdue_make_up_raises_a_yellow_warning()
    {
        var found =
            StarRules.MemberWarnings(new StarPolicy(),
            [At(2, StarColor.Yellow, AttendanceStatus.Excused, MakeUpState.Overdue)]);
        Assert.Equal([("makeUpOverdue", false)], Rules(found));
        Assert.Equal([new Reason("Make-up for {0} is overdue.", "2026-02-01")], found[0].Reasons);
    }

    [Fact]
    public void Two_blue_stars_in_a_row_raise_red()
    {
        var found = StarRules.MemberWarnings(new StarPolicy(), [At(1, StarColor.Blue), At(2, StarColor.Blue)]);
        Assert.Equal([("blueRepeatedly", true)], Rules(found));
        Assert.Equal([new Reason("Blue star {0} months in a row.", "2")], found[0].Reasons);
    }

    [Fact]
    public void Blue_yellow_blue_is_not_blue_in_a_row() =>
        Assert.Empty(
            StarRules.MemberWarnings(new StarPolicy(),
            [At(1, StarColor.Blue), At(2, StarColor.Yellow), At(3, StarColor.Blue)]));

    [Fact]
    public void Six_trailing_months_of_unpaid_dues_raise_red()
    {
        var history = new List<(MemberMonth, StarColor)> { At(1, StarColor.Red) };
        for (var m = 2; m <= 7; m++) history.Add(At(m, StarColor.Yellow, duesPaid: false));
        var found = StarRules.MemberWarnings(new StarPolicy(), history);
        Assert.Equal([("duesUnpaid", true)], Rules(found));
        Assert.Equal([new Reason("Dues unpaid six months in a row (the Constitution, Article 9).", "6")],
            found[0].Reasons);
    }

    [Fact]
    public void Five_trailing_months_of_unpaid_dues_raise_nothing()
    {
        var history =
            new List<(MemberMonth, StarColor)> { At(1, StarColor.Yellow, duesPaid: false), At(2, StarColor.Red) };
        for (var m = 3; m <= 7; m++) history.Add(At(m, StarColor.Yellow, duesPaid: false));
        Assert.Empty(StarRules.MemberWarnings(new StarPolicy(), history));
    }

    [Fact]
    public void Rules_set_to_zero_are_off()
    {
        var policy =
            new StarPolicy
            {
                MemberWarnings =
            { RedConsecutiveUnexcused = 0, RedConsecutiveBlue = 0, RedDuesUnpaidMonths = 0 }
            };
        var history = Enumerable.Range(1, 8)
            .Select(m => At(m, StarColor.Blue, AttendanceStatus.Unexcused, duesPaid: false)).ToList();
        // With the red rule off, the unexcused month still raises its yellow.
        Assert.Equal([("absentUnexcused", false)], Rules(StarRules.MemberWarnings(policy, history)));
    }

    [Fact]
    public void Yellow_rules_turned_off_raise_nothing()
    {
        var policy = new StarPolicy { MemberWarnings = { YellowOnUnexcused = false, YellowOnOverdueMakeUp = false } };
        Assert.Empty(
            StarRules.MemberWarnings(policy, [At(2, StarColor.Blue, AttendanceStatus.Unexcused, MakeUpState.Overdue)]));
    }

    [Fact]
    public void An_empty_history_raises_nothing() => Assert.Empty(StarRules.MemberWarnings(new StarPolicy(), []));

    // ---- BranchWarnings ----

    static BranchMonth Branch(int expected, int tookPart, bool dayHeld = true, bool planLate = false,
        int branchId = 3) =>
        new(branchId, March, dayHeld, expected, tookPart, planLate);

    [Fact]
    public void Attendance_of_85_percent_raises_yellow()
    {
        var found = StarRules.BranchWarnings(new StarPolicy(), Branch(20, 17));
        Assert.Equal([("attendanceLow", false)], Rules(found));
        var reason = Assert.Single(found[0].Reasons);
        Assert.Equal("Attendance {0}, under the yellow line.", reason.Key);
        Assert.StartsWith("85", reason.Arg);
    }

    [Fact]
    public void Attendance_of_79_percent_raises_red()
    {
        var found = StarRules.BranchWarnings(new StarPolicy(), Branch(100, 79));
        Assert.Equal([("attendanceLow", true)], Rules(found));
        var reason = Assert.Single(found[0].Reasons);
        Assert.Equal("Attendance {0}, under the red line.", reason.Key);
        Assert.StartsWith("79", reason.Arg);
    }

    [Theory]
    [InlineData(10, 9)]
    [InlineData(20, 20)]
    public void Attendance_of_90_percent_or_more_raises_nothing(int expected, int tookPart) =>
        Assert.Empty(StarRules.BranchWarnings(new StarPolicy(), Branch(expected, tookPart)));

    [Fact]
    public void Attendance_of_exactly_80_percent_is_yellow_not_red() =>
        Assert.Equal([("attendanceLow", false)], Rules(StarRules.BranchWarnings(new StarPolicy(), Branch(10, 8))));

    [Fact]
    public void A_day_not_held_raises_red_and_no_attendance_warning()
    {
        var found = StarRules.BranchWarnings(new StarPolicy(), Branch(20, 0, dayHeld: false));
        Assert.Equal([("dayNotHeld", true)], Rules(found));
        Assert.Equal([new Reason("No activity day held in {0}.", "2026-03")], found[0].Reasons);
    }

    [Fact]
    public void A_late_plan_raises_red()
    {
        var found = StarRules.BranchWarnings(new StarPolicy(), Branch(20, 20, planLate: true));
        Assert.Equal([("planLate", true)], Rules(found));
        Assert.Equal([new Reason("The plan for {0} was submitted late.", "2026-03")], found[0].Reasons);
    }

    [Fact]
    public void Branch_red_rules_turned_off_raise_nothing()
    {
        var policy = new StarPolicy { BranchWarnings = { RedWhenNotHeld = false, RedWhenLate = false } };
        Assert.Empty(StarRules.BranchWarnings(policy, Branch(20, 0, dayHeld: false, planLate: true)));
    }

    [Fact]
    public void A_temporary_branch_meets_the_same_rules_as_any_branch()
    {
        var ordinary = StarRules.BranchWarnings(new StarPolicy(), Branch(20, 17, planLate: true, branchId: 3));
        var temporary = StarRules.BranchWarnings(new StarPolicy(), Branch(20, 17, planLate: true, branchId: 42));
        Assert.Equal([("attendanceLow", false), ("planLate", true)], Rules(temporary));
        Assert.Equal(Rules(ordinary), Rules(temporary));
    }

    [Fact]
    public void A_held_day_with_nobody_expected_raises_no_attendance_warning() =>
        Assert.Empty(StarRules.BranchWarnings(new StarPolicy(), Branch(0, 0)));

    // ---- StarPolicy.Parse ----

    [Fact]
    public void The_default_policy_round_trips_through_its_json()
    {
        var json = new StarPolicy().ToJson();
        var (policy, problems) = StarPolicy.Parse(json);
        Assert.Empty(problems);
        Assert.NotNull(policy);
        Assert.Equal(json, policy.ToJson());
        Assert.Equal(7, policy.PublishDays);
        Assert.Equal(0.90m, policy.BranchWarnings.YellowBelowRate);
        Assert.Equal(0.80m, policy.BranchWarnings.RedBelowRate);
    }

    [Fact]
    public void A_changed_policy_keeps_its_changes_through_json()
    {
        var changed =
            new StarPolicy
            {
                PublishDays = 10,
                Blue = { DuesUnpaid = false },
                MemberWarnings = { RedDuesUnpaidMonths = 3 }
            };
        var (policy, problems) = StarPolicy.Parse(changed.ToJson());
        Assert.Empty(problems);
        Assert.Equal(10, policy!.PublishDays);
        Assert.False(policy.Blue.DuesUnpaid);
        Assert.Equal(3, policy.MemberWarnings.RedDuesUnpaidMonths);
    }

    [Fact]
    public void A_partial_document_takes_the_defaults_for_the_rest()
    {
        var (policy, problems) = StarPolicy.Parse("""{ "publishDays": 5, /* a comment */ }""");
        Assert.Empty(problems);
        Assert.Equal(5, policy!.PublishDays);
        Assert.True(policy.Red.StudyNote);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_document_is_a_problem_on_the_document(string? text)
    {
        var (policy, problems) = StarPolicy.Parse(text);
        Assert.Null(policy);
        Assert.Equal([("document", "The policy document is empty.")], problems);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{ "red": null }""")]
    public void An_incomplete_document_is_a_problem_on_the_document(string text)
    {
        var (policy, problems) = StarPolicy.Parse(text);
        Assert.Null(policy);
        Assert.Equal([("document", "The policy document is incomplete.")], problems);
    }

    [Theory]
    [InlineData("""{ "publishDay": 7 }""", "publishDay")]
    [InlineData("""{ "red": { "studyNote": true, "colour": "red" } }""", "red.colour")]
    public void An_unknown_field_is_a_problem_naming_its_path(string text, string field)
    {
        var (policy, problems) = StarPolicy.Parse(text);
        Assert.Null(policy);
        Assert.Equal([(field, "This field is unknown or its value has the wrong type.")], problems);
    }

    [Theory]
    [InlineData("""{ "publishDays": "seven" }""", "publishDays")]
    [InlineData("""{ "blue": { "duesUnpaid": 1 } }""", "blue.duesUnpaid")]
    public void A_value_of_the_wrong_type_is_a_problem_on_its_field(string text, string field)
    {
        var (policy, problems) = StarPolicy.Parse(text);
        Assert.Null(policy);
        Assert.Equal([(field, "This field is unknown or its value has the wrong type.")], problems);
    }

    [Fact]
    public void Text_that_is_not_json_is_a_problem_on_the_document()
    {
        var (policy, problems) = StarPolicy.Parse("not json");
        Assert.Null(policy);
        Assert.Equal("document", Assert.Single(problems).Field);
    }

    [Fact]
    public void Zero_publish_days_is_a_problem()
    {
        var (policy, problems) = StarPolicy.Parse("""{ "publishDays": 0 }""");
        Assert.Null(policy);
        Assert.Equal([("publishDays", "Must be between 1 and 60 days.")], problems);
    }

    [Fact]
    public void A_red_rate_above_the_yellow_rate_is_a_problem()
    {
        var (policy, problems) = StarPolicy.Parse("""{ "branchWarnings": { "yellowBelowRate": 0.85, "redBelowRate": 0.9 } }""");
        Assert.Null(policy);
        Assert.Equal([("branchWarnings.redBelowRate", "The red threshold cannot be above the yellow one.")], problems);
    }

    [Fact]
    public void Every_problem_is_listed_and_the_policy_is_withheld()
    {
        var (policy, problems) = StarPolicy.Parse(
            """{ "publishDays": 61, "branchWarnings": { "yellowBelowRate": 1.5 }, "memberWarnings": { "redConsecutiveBlue": -1, "redDuesUnpaidMonths": 13 } }""");
        Assert.Null(policy);
        Assert.Equal(
            [
                ("publishDays", "Must be between 1 and 60 days."),
                ("branchWarnings.yellowBelowRate", "Must be a rate between 0 and 1."),
                ("memberWarnings.redConsecutiveBlue", "Must be between 0 (off) and 12 months."),
                ("memberWarnings.redDuesUnpaidMonths", "Must be between 0 (off) and 12 months."),
            ],
            problems);
    }
}
