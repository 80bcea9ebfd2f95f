namespace Yihao.Web.Domain;

public enum Gender { Male, Female }

/// <summary>正式 / 预备.</summary>
public enum MemberKind { Full, Probationary }

/// <summary>How a member takes part: active, mobile (流动党员) or elderly/infirm (年老体弱).</summary>
public enum Participation { Active, Mobile, ElderlyInfirm }

/// <summary>A party member (党员).</summary>
public sealed class Member : IVersioned
{
    public int Id { get; set; }
    public int DistrictId { get; set; }

    /// <summary>The branch the member belongs to today; earlier branches are in <see cref="Transfer"/>.</summary>
    public int OrgId { get; set; }
    public Org? Org { get; set; }
    public required string Name { get; set; }
    public Gender Gender { get; set; }
    public DateOnly BirthDate { get; set; }
    public required string IdNumber { get; set; }
    public string Phone { get; set; } = "";
    public MemberKind Kind { get; set; }
    public DateOnly JoinedOn { get; set; }
    public decimal MonthlyDues { get; set; }
    public Participation Participation { get; set; }

    /// <summary>Where a mobile member lives or works.</summary>
    public string? MobileWhere { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A member's move between branches (组织关系转接), effective on a date. The first row of a member has no
/// source.</summary>
public sealed class Transfer
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public int MemberId { get; set; }
    public int? FromOrgId { get; set; }
    public int ToOrgId { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The first row of a member: into the branch the member was registered in, on the day they joined.</summary>
    public static Transfer Joining(Member m, string? note, DateTime now) => new()
    {
        DistrictId = m.DistrictId,
        MemberId = m.Id,
        ToOrgId = m.OrgId,
        EffectiveOn = m.JoinedOn,
        Note = note,
        CreatedAt = now,
    };
}

/// <summary>The fields of a member as a person or a file gives them, checked before anything is stored.</summary>
public sealed record MemberInput(
    string? Name, string? Gender, string? BirthDate, string? IdNumber, string? Phone, string? Kind,
    string? JoinedOn, decimal? MonthlyDues, string? Participation, string? MobileWhere)
{
    public const int NameMaxLength = 50;
    public const int WhereMaxLength = 200;

    /// <summary>Validates and converts; problems are (field, English key) pairs.</summary>
    public (MemberValues? Values, List<(string Field, string Problem)> Problems) Check(DateOnly today)
    {
        var problems = new List<(string, string)>();
        var name = (Name ?? "").Trim();
        if (name.Length == 0) problems.Add(("name", "A name is required."));
        else if (name.Length > NameMaxLength) problems.Add(("name", "The name is too long."));

        var id = NationalId.Normalize(IdNumber);
        if (id.Length == 0) problems.Add(("idNumber", "An ID number is required."));
        else if (NationalId.Problem(id, today) is { } idProblem) problems.Add(("idNumber", idProblem));

        Gender? gender = Words.Gender(Gender);
        if (Gender is { Length: > 0 } && gender is null) problems.Add(("gender", "Gender is 男 or 女."));
        var idGender = NationalId.Problem(id, today) is null ? NationalId.Gender(id) : null;
        gender ??= idGender;
        // A wrong ID number is one problem: the gender it would have given is not asked for besides.
        if (gender is null
            && !problems.Any(p => p.Item1 == "idNumber")) problems.Add(("gender", "Gender is required."));
        else if (idGender is not null
            && gender != idGender) problems.Add(("gender", "The gender does not agree with the ID number."));

        DateOnly? birth = null;
        if (BirthDate is { Length: > 0 })
        {
            birth = Words.Date(BirthDate);
            if (birth is null) problems.Add(("birthDate", "Not a date; write it as 1980-05-01."));
        }
        var idBirth = NationalId.Problem(id, today) is null ? NationalId.BirthDate(id) : null;
        if (birth is not null && idBirth is not null
            && birth != idBirth) problems.Add(("birthDate", "The birth date does not agree with the ID number."));
        birth ??= idBirth;

        var phone = Domain.Phone.Normalize(Phone);
        if (phone.Length > 0
            && !Domain.Phone.IsValid(phone)) problems.Add(
            ("phone", "A mobile number has 11 digits and starts with 13 to 19."));

        var kind = Words.Kind(Kind);
        if (kind is null) problems.Add(("kind", "The kind is 正式 (full) or 预备 (probationary)."));

        var joined = Words.Date(JoinedOn);
        if (joined is null) problems.Add(("joinedOn", "Not a date; write it as 1980-05-01."));
        else if (joined > today) problems.Add(("joinedOn", "The date joined is in the future."));
        else if (birth is not null
            && joined < birth.Value.AddYears(18)) problems.Add(("joinedOn", "A member joins at 18 or older."));

        if (MonthlyDues is < 0 or > 100_000) problems.Add(("monthlyDues", "The monthly dues are out of range."));

        var participation = Participation is { Length: > 0 } ? Words.Participation(Participation)
            : Domain.Participation.Active;
        if (participation is null) problems.Add(("participation", "Participation is active, mobile or elderly."));
        var where = MobileWhere?.Trim();
        if (where is { Length: > WhereMaxLength }) problems.Add(("mobileWhere", "The place is too long."));
        if (participation == Domain.Participation.Mobile
            && string.IsNullOrEmpty(where)) problems.Add(
            ("mobileWhere", "A mobile member needs the place where they are."));

        if (problems.Count > 0) return (null, problems);
        return (new MemberValues(name, gender!.Value, birth!.Value, id, phone, kind!.Value, joined!.Value,
            Math.Round(MonthlyDues ?? 0, 2), participation!.Value,
            participation == Domain.Participation.Mobile ? where : null), problems);
    }
}

public sealed record MemberValues(
    string Name, Gender Gender, DateOnly BirthDate, string IdNumber, string Phone, MemberKind Kind,
    DateOnly JoinedOn, decimal MonthlyDues, Participation Participation, string? MobileWhere)
{
    /// <summary>Copies the values onto a member; with <paramref name="only"/>, just those fields (a roster that lacks a
    /// column leaves it alone).</summary>
    public void ApplyTo(Member m, IReadOnlySet<string>? only = null)
    {
        bool Take(string field) => only is null || only.Contains(field);
        m.Name = Name;
        m.IdNumber = IdNumber;
        if (Take("gender")) m.Gender = Gender;
        if (Take("birthDate") || Take("idNumber")) m.BirthDate = BirthDate;
        if (Take("phone")) m.Phone = Phone;
        if (Take("kind")) m.Kind = Kind;
        if (Take("joinedOn")) m.JoinedOn = JoinedOn;
        if (Take("monthlyDues")) m.MonthlyDues = MonthlyDues;
        if (Take("participation")) m.Participation = Participation;
        if (Take("participation") || Take("mobileWhere")) m.MobileWhere = Participation == Participation.Mobile
            ? MobileWhere ?? m.MobileWhere : null;
    }
}
