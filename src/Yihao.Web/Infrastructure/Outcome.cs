namespace Yihao.Web.Infrastructure;

public enum OutcomeKind { Ok, NotFound, Forbidden, Invalid, Conflict }

/// <summary>
/// What a handler decided, shared by a page and its API: the page turns problems into form errors, the API into problem
/// details. Problems are (field, English key) pairs, translated only when shown.
/// </summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, IReadOnlyList<(string Field, string Problem)> Problems)
{
    public bool IsOk => Kind == OutcomeKind.Ok;

    public static implicit operator Outcome<T>(T value) => new(OutcomeKind.Ok, value, []);

    public static implicit operator Outcome<T>(Fail fail) => new(fail.Kind, default, fail.Problems);

    public IResult ToHttp(Func<T, IResult> ok) => Kind switch
    {
        OutcomeKind.Ok => ok(Value!),
        OutcomeKind.NotFound => Infrastructure.Problems.NotFound(),
        OutcomeKind.Forbidden => Infrastructure.Problems.Forbidden(),
        OutcomeKind.Conflict => Infrastructure.Problems.Conflict(this.Problems[0].Problem),
        _ => Infrastructure.Problems.Invalid(this.Problems),
    };

    /// <summary>The problems in the user's language, for a page.</summary>
    public IEnumerable<(string Field, string Message)> Messages() =>
        Kind switch
        {
            OutcomeKind.NotFound => [("", L.T("Not found."))],
            OutcomeKind.Forbidden => [("", L.T("Your role may not do this."))],
            _ => Problems.Select(p => (p.Field, L.T(p.Problem))),
        };
}

/// <summary>The failures, typed so that they convert to any Outcome&lt;T&gt;.</summary>
public readonly record struct Fail(OutcomeKind Kind, IReadOnlyList<(string Field, string Problem)> Problems)
{
    public static readonly Fail NotFound = new(OutcomeKind.NotFound, []);
    public static readonly Fail Forbidden = new(OutcomeKind.Forbidden, []);
    public static Fail Invalid(string field, string problem) => new(OutcomeKind.Invalid, [(field, problem)]);
    public static Fail Invalid(IReadOnlyList<(string, string)> problems) => new(OutcomeKind.Invalid, problems);
    public static Fail Conflict(string problem) => new(OutcomeKind.Conflict, [("", problem)]);
}
