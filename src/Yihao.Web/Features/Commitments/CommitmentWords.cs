using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Commitments;

/// <summary>Commitments' values as the pages say them.</summary>
public static class CommitmentWords
{
    public static readonly string[] Categories = ["serveThePeople", "study", "work", "integrity", "other"];

    public static string Category(string? category) => L.T(category switch
    {
        "serveThePeople" => "Serving the people",
        "study" => "Study and learning",
        "work" => "Doing one's own work well",
        "integrity" => "Honesty and integrity",
        _ => "Other commitment",
    });

    /// <summary>Where a commitment stands, overdue first: 已逾期, 待确认, 已兑现, 退回, 进行中.</summary>
    public static string State(CommitmentView c) => L.T(c switch
    {
        { Overdue: true } => "Overdue",
        { State: "reported" } => "Waiting for confirmation",
        { State: "confirmed" } => "Fulfilled",
        { State: "sentBack" } => "Fulfilment sent back",
        _ => "In progress",
    });

    public static string StateClass(CommitmentView c) => c switch
    {
        { Overdue: true } => "overdue",
        { State: "confirmed" } => "done",
        { State: "sentBack" } => "back",
        { State: "reported" } => "waiting",
        _ => "",
    };
}
