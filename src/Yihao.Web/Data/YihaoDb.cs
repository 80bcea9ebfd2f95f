using System.Data.Common;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using Yihao.Web.Domain;

namespace Yihao.Web.Data;

/// <summary>The database. One model for both providers; each provider has its own subclass so that it keeps its own
/// migrations.</summary>
public abstract class YihaoDb(DbContextOptions options, AuditActor actor, TimeProvider clock, BranchChanges changes)
    : IdentityUserContext<User, int>(options)
{
    public DbSet<Org> Orgs => Set<Org>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Transfer> Transfers => Set<Transfer>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ActivityDay> ActivityDays => Set<ActivityDay>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<LeaveRequest> LeaveRequests => Set<LeaveRequest>();
    public DbSet<MakeUp> MakeUps => Set<MakeUp>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<StudyNote> StudyNotes => Set<StudyNote>();
    public DbSet<SixMusts> SixMusts => Set<SixMusts>();
    public DbSet<Aid> Aids => Set<Aid>();
    public DbSet<DayPhoto> DayPhotos => Set<DayPhoto>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<StarPolicyVersion> StarPolicies => Set<StarPolicyVersion>();
    public DbSet<MemberMonthRecord> MemberMonths => Set<MemberMonthRecord>();
    public DbSet<StarBoard> StarBoards => Set<StarBoard>();
    public DbSet<MemberStar> MemberStars => Set<MemberStar>();
    public DbSet<StarObjection> StarObjections => Set<StarObjection>();
    public DbSet<Warning> Warnings => Set<Warning>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<ThoughtReport> ThoughtReports => Set<ThoughtReport>();
    public DbSet<LiaisonAssignment> LiaisonAssignments => Set<LiaisonAssignment>();
    public DbSet<DisplayLink> DisplayLinks => Set<DisplayLink>();
    public DbSet<WarningNotice> WarningNotices => Set<WarningNotice>();
    // Supervision (督查)
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<ProblemList> ProblemLists => Set<ProblemList>();
    public DbSet<ProblemItem> ProblemItems => Set<ProblemItem>();
    public DbSet<ProblemEvent> ProblemEvents => Set<ProblemEvent>();
    public DbSet<ProblemEvidence> ProblemEvidence => Set<ProblemEvidence>();
    public DbSet<SampleDraw> SampleDraws => Set<SampleDraw>();
    public DbSet<PhoneCall> PhoneCalls => Set<PhoneCall>();

    // Dues (党费)
    public DbSet<DuesStandard> DuesStandards => Set<DuesStandard>();
    public DbSet<DuesPayment> DuesPayments => Set<DuesPayment>();
    public DbSet<DuesMonth> DuesMonths => Set<DuesMonth>();

    // Public commitments (公开承诺)
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<CommitmentFulfilment> CommitmentFulfilments => Set<CommitmentFulfilment>();
    // Service ledger (服务台账)
    public DbSet<ServiceEntry> ServiceEntries => Set<ServiceEntry>();
    public DbSet<ServiceEntryMember> ServiceEntryMembers => Set<ServiceEntryMember>();
    public DbSet<ServicePairing> ServicePairings => Set<ServicePairing>();
    // Deliberation topics (民主议事) and volunteer call-outs (志愿者召集)
    public DbSet<DeliberationTopic> DeliberationTopics => Set<DeliberationTopic>();
    public DbSet<TopicFollowUp> TopicFollowUps => Set<TopicFollowUp>();
    public DbSet<CallOut> CallOuts => Set<CallOut>();
    public DbSet<CallOutSignUp> CallOutSignUps => Set<CallOutSignUp>();

    /// <summary>Set by bulk loads (the demo) that write one summary entry instead of one per row.</summary>
    public bool SuppressAudit { get; set; }

    internal AuditActor Actor => actor;
    internal TimeProvider Clock => clock;
    internal BranchChanges Changes => changes;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        DatabaseSetup.RenameIdentityTables(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(YihaoDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default) =>
        SuppressAudit ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : Auditing.SaveAsync(this, acceptAllChangesOnSuccess, cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    internal Task<int> SaveWithoutAuditAsync(bool accept, CancellationToken ct) => base.SaveChangesAsync(accept, ct);

    /// <summary>
    /// A save in the open transaction changed what every scan is checked against (<see cref="RostersPending"/>) or what
    /// the scans of some days are (<see cref="DaysPending"/>); said once the transaction commits.
    /// </summary>
    internal bool RostersPending;

    internal readonly HashSet<int> DaysPending = [];

    /// <summary>Accounts whose security stamp a save in the open transaction changed: forgotten by the cache after the
    /// commit.</summary>
    internal readonly HashSet<int> AccountsPending = [];

    /// <summary>
    /// Tells <see cref="BranchChanges.Rosters"/> after the commit, not before: a scan's facts read between the two
    /// would be the old ones, held as new.
    /// </summary>
    internal sealed class AfterCommit : DbTransactionInterceptor
    {
        public static readonly AfterCommit Instance = new();

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
            Ended(eventData, true);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Ended(eventData, true);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
            Ended(eventData, false);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Ended(eventData, false);
            return Task.CompletedTask;
        }

        static void Ended(TransactionEndEventData e, bool committed)
        {
            if (e.Context is not YihaoDb db) return;
            if (db.AccountsPending.Count > 0)
            {
                if (committed) db.Changes.AccountsSaved([.. db.AccountsPending]);
                db.AccountsPending.Clear();
            }
            if (!db.RostersPending && db.DaysPending.Count == 0) return;
            if (committed) db.Changes.RostersChanged(db.RostersPending, db.DaysPending);
            db.RostersPending = false;
            db.DaysPending.Clear();
        }
    }

    /// <summary>
    /// Runs reads side by side, each on a context of its own (its own pooled connection), so that on two cores the
    /// database finds one set of rows while this process takes in another. Inside a transaction they run one after the
    /// other on this context instead, as only it sees what the transaction wrote. Each read sees what was committed
    /// when it ran, as statements one after another would.
    /// </summary>
    public async Task ReadSideBySideAsync(params Func<YihaoDb, Task>[] reads)
    {
        if (Database.CurrentTransaction is not null)
        {
            foreach (var read in reads) await read(this);
            return;
        }
        await Task.WhenAll(reads.Select(async read =>
        {
            await using var other = Fork((DbContextOptions)this.GetService<IDbContextOptions>());
            await read(other);
        }));
    }

    /// <summary>A new context on the same database with the same options, actor and clock.</summary>
    protected abstract YihaoDb Fork(DbContextOptions options);

    /// <summary>Serializes changes to a district's tree (moves rewrite paths). SQLite's writers are serial
    /// already.</summary>
    internal abstract Task LockTreeAsync(int districtId, CancellationToken ct);

    /// <summary>
    /// Serializes writers of the audit chain and returns its head, as this transaction sees it with the lock held.
    /// SQLite's writes already are serial; PostgreSQL takes a transaction lock. Every audited save holds the lock to
    /// its commit, and the scans' group commit waits for it, so it is taken in as few round trips as can be.
    /// </summary>
    internal virtual async Task<string> LockAuditChainAsync(CancellationToken ct) =>
        await AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct)
            ?? AuditEntry.Genesis;

    /// <summary>
    /// For a connection that a hot path opens once and runs the same few statements on all day (the check-in writer,
    /// the meeting facts reader): each statement planned once, for any parameters (PostgreSQL; SQLite plans a statement
    /// once anyway).
    /// </summary>
    internal virtual Task PlanOnceAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The newest audit entry's hash, for writers on a plain connection (the check-in writer).</summary>
    internal const string AuditHead = "SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1";

    sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteYihaoDb(DbContextOptions<SqliteYihaoDb> options, AuditActor actor, TimeProvider clock,
    BranchChanges changes) : YihaoDb(options, actor, clock, changes)
{
    internal override Task LockTreeAsync(int districtId, CancellationToken ct) => Task.CompletedTask;

    protected override YihaoDb Fork(DbContextOptions options) =>
        new SqliteYihaoDb((DbContextOptions<SqliteYihaoDb>)options, Actor, Clock, Changes);
}

public sealed class PostgresYihaoDb(DbContextOptions<PostgresYihaoDb> options, AuditActor actor, TimeProvider clock,
    BranchChanges changes) : YihaoDb(options, actor, clock, changes)
{
    /// <summary>
    /// The audit chain's transaction lock, for writers on a plain connection too (the check-in writer). Key 1105 is
    /// taken in the database by attendance's reference triggers (migration AttendanceReferencesByTriggers).
    /// </summary>
    internal const string AuditChainLock = "SELECT pg_advisory_xact_lock(1104)";

    /// <summary>
    /// The check-in writer's start of a transaction, in the statement after its BEGIN: the chain's lock; attendance's
    /// references' lock, shared, as the triggers take it, for a writer that checks the references in its own insert
    /// (the insert trigger then stands aside for this transaction, migration AttendanceReferencesByTriggers); and its
    /// plans by key. A plan made once is kept whatever the tables become, until the table is analyzed again: planned on
    /// a fresh database's small tables, the chain's head was read by a scan and sort of every entry, 11 ms a batch by
    /// the morning's end against 0.02 ms by the key's index. Each of the writer's reads is a lookup by key and takes
    /// the index whatever the statistics say. All for the transaction alone (its statements are planned when they are
    /// bound, after this one).
    /// </summary>
    internal const string CheckInWriterBegins =
        "SELECT pg_advisory_xact_lock(1104), pg_advisory_xact_lock_shared(1105), " +
        "set_config('yihao.attendance_references_checked', 'on', true), " + KeyLookupsOnly;

    internal const string KeyLookupsOnly =
        "set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), " +
            "set_config('enable_mergejoin', 'off', true)";

    /// <summary>
    /// The batches' arrays vary in length: planning each anew cost a tenth of the server's time on them, and the plans
    /// picked for long arrays (a hash join over a scan of every transfer) ran three times slower than the index lookups
    /// of the generic plan. Session-wide: behind a pooler in transaction mode it would reach other clients too, as
    /// prepared statements do (<see cref="DatabaseSetup"/>).
    /// </summary>
    internal override Task PlanOnceAsync(CancellationToken ct) =>
        Database.ExecuteSqlRawAsync("SET plan_cache_mode = force_generic_plan", ct);

    /// <summary>
    /// The lock and the head in one round trip, as two statements: the head's snapshot is taken once the lock is held,
    /// so it sees the entries of the writer that held it before. Inside the caller's transaction, which every audited
    /// write has.
    /// </summary>
    internal override async Task<string> LockAuditChainAsync(CancellationToken ct)
    {
        var tx = (NpgsqlTransaction)Database.CurrentTransaction!.GetDbTransaction();
        await using var batch =
            new NpgsqlBatch(tx.Connection, tx) { BatchCommands = { new(AuditChainLock), new(AuditHead) } };
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.NextResultAsync(ct);
        return await r.ReadAsync(ct) ? r.GetString(0) : AuditEntry.Genesis;
    }

    protected override YihaoDb Fork(DbContextOptions options) =>
        new PostgresYihaoDb((DbContextOptions<PostgresYihaoDb>)options, Actor, Clock, Changes);

    internal override Task LockTreeAsync(int districtId, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(2, {districtId})", ct);
}
