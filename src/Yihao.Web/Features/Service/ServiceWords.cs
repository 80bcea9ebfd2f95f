using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Service;

/// <summary>The service ledger's values as the pages say them.</summary>
public static class ServiceWords
{
    public static readonly string[] Kinds = ["thingDone", "dispute", "pairingVisit", "volunteering", "petition"];
    public static readonly string[] DisputeOutcomes = ["resolved", "referred", "open"];

    public static string Kind(string? kind) => L.T(kind switch
    {
        "dispute" => "Dispute mediated",
        "pairingVisit" => "Pairing visit",
        "volunteering" => "Volunteering",
        "petition" => "Petition received",
        _ => "Thing done for the people",
    });

    /// <summary>待确认 / 已确认 / 退回.</summary>
    public static string State(string? state) => L.T(state switch
    {
        "confirmed" => "Service confirmed",
        "sentBack" => "Service sent back",
        _ => "Waiting for confirmation",
    });

    public static string DisputeOutcome(string? outcome) => L.T(outcome switch
    {
        "resolved" => "Dispute resolved",
        "referred" => "Referred on",
        _ => "Still open",
    });
}
