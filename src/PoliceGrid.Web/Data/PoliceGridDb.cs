using System.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Care;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.CommandRoom;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Duty;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Staff;
using PoliceGrid.Web.Teams;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Data;

/// <param name="auditKeys">Seals audit rows; a context without it (schema scripts, migrations) cannot write them.</param>
/// <param name="auditAnchor">Where the newest audit hash is kept outside the database; none in tools and migrations.</param>
public sealed class PoliceGridDb(DbContextOptions<PoliceGridDb> options, AuditKeys? auditKeys = null, AuditAnchor? auditAnchor = null)
    : IdentityUserContext<Account, int>(options)
{
    internal AuditKeys? AuditKeys => auditKeys;
    internal AuditAnchor? AuditAnchor => auditAnchor;
    internal (Guid TransactionId, AuditAnchor.Mark Mark)? PendingAnchor { get; set; }

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventStep> EventSteps => Set<EventStep>();
    public DbSet<EventPhoto> EventPhotos => Set<EventPhoto>();
    public DbSet<EventCategory> EventCategories => Set<EventCategory>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<OfficeHours> OfficeHours => Set<OfficeHours>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Directive> Directives => Set<Directive>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageDelivery> MessageDeliveries => Set<MessageDelivery>();
    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<DutyShift> DutyShifts => Set<DutyShift>();
    public DbSet<DutyHandover> DutyHandovers => Set<DutyHandover>();
    public DbSet<DutySwap> DutySwaps => Set<DutySwap>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<StaffChange> StaffChanges => Set<StaffChange>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<GridResponsibility> GridResponsibilities => Set<GridResponsibility>();
    public DbSet<CarePlan> CarePlans => Set<CarePlan>();
    public DbSet<CareCase> CareCases => Set<CareCase>();
    public DbSet<CareRiskChange> CareRiskChanges => Set<CareRiskChange>();
    public DbSet<CareVisit> CareVisits => Set<CareVisit>();
    public DbSet<Disputes.Dispute> Disputes => Set<Disputes.Dispute>();
    public DbSet<Disputes.DisputeParty> DisputeParties => Set<Disputes.DisputeParty>();
    public DbSet<Disputes.DisputeStep> DisputeSteps => Set<Disputes.DisputeStep>();
    public DbSet<Disputes.Mediator> Mediators => Set<Disputes.Mediator>();
    public DbSet<Disputes.MediatorChoice> MediatorChoices => Set<Disputes.MediatorChoice>();
    public DbSet<Disputes.DisputeHandover> DisputeHandovers => Set<Disputes.DisputeHandover>();
    public DbSet<Disputes.DisputeSession> DisputeSessions => Set<Disputes.DisputeSession>();
    public DbSet<Disputes.SessionAttendee> SessionAttendees => Set<Disputes.SessionAttendee>();
    public DbSet<Disputes.DisputeAgreement> DisputeAgreements => Set<Disputes.DisputeAgreement>();
    public DbSet<Disputes.DisputeObligation> DisputeObligations => Set<Disputes.DisputeObligation>();
    public DbSet<Disputes.DisputeFollowUp> DisputeFollowUps => Set<Disputes.DisputeFollowUp>();
    public DbSet<Disputes.DisputeFlag> DisputeFlags => Set<Disputes.DisputeFlag>();

    protected override void OnConfiguring(DbContextOptionsBuilder options) => options.AddInterceptors(AnchorOnCommit.Instance);

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.ApplyConfiguration(new UnitConfiguration());
        model.ApplyConfiguration(new AccountConfiguration());
        model.ApplyConfiguration(new AuditEntryConfiguration());
        model.ApplyConfiguration(new StandardAddressConfiguration());
        model.ApplyConfiguration(new ResidentConfiguration());
        model.ApplyConfiguration(new HouseConfiguration());
        model.ApplyConfiguration(new OrganisationConfiguration());
        model.ApplyConfiguration<RegisterChange>(new RegisterChangeConfiguration());
        model.ApplyConfiguration<DuplicatePrevented>(new RegisterChangeConfiguration());
        model.ApplyConfiguration(new ResidenceChangeCheckConfiguration());
        model.ApplyConfiguration(new ImportRunConfiguration());
        model.ApplyConfiguration(new ExportRequestConfiguration());
        model.ApplyConfiguration(new EventConfiguration());
        model.ApplyConfiguration(new EventStepConfiguration());
        model.ApplyConfiguration(new EventPhotoConfiguration());
        model.ApplyConfiguration(new EventCategoryConfiguration());
        model.ApplyConfiguration(new RoutingRuleConfiguration());
        model.ApplyConfiguration(new OfficeHoursConfiguration());
        model.ApplyConfiguration(new HolidayConfiguration());
        model.ApplyConfiguration(new IdempotencyRecordConfiguration());
        model.ApplyConfiguration(new DirectiveConfiguration());
        model.ApplyConfiguration(new MessageConfiguration());
        model.ApplyConfiguration(new MessageDeliveryConfiguration());
        model.ApplyConfiguration(new AckDeadlineConfiguration());
        model.ApplyConfiguration(new PushSubscriptionConfiguration());
        model.ApplyConfiguration(new DataProtectionKeyConfiguration());
        model.ApplyConfiguration(new DutyShiftConfiguration());
        model.ApplyConfiguration(new DutyHandoverConfiguration());
        model.ApplyConfiguration(new DutySwapConfiguration());
        model.ApplyConfiguration(new DepartmentConfiguration());
        model.ApplyConfiguration(new StaffChangeConfiguration());
        model.ApplyConfiguration(new TeamConfiguration());
        model.ApplyConfiguration(new TeamMemberConfiguration());
        model.ApplyConfiguration(new GridResponsibilityConfiguration());
        model.ApplyConfiguration(new CarePlanConfiguration());
        model.ApplyConfiguration(new CareCaseConfiguration());
        model.ApplyConfiguration(new CareRiskChangeConfiguration());
        model.ApplyConfiguration(new CareVisitConfiguration());
        model.ApplyConfiguration(new Disputes.DisputeConfiguration());
        model.ApplyConfiguration(new Disputes.DisputePartyConfiguration());
        model.ApplyConfiguration(new Disputes.DisputeStepConfiguration());
        model.ApplyConfiguration(new Disputes.MediatorConfiguration());
        model.ApplyConfiguration(new Disputes.MediatorChoiceConfiguration());
        model.ApplyConfiguration(new Disputes.DisputeHandoverConfiguration());
        model.ApplyConfiguration(new Disputes.DisputeSessionConfiguration());
        model.ApplyConfiguration(new Disputes.SessionAttendeeConfiguration());
        model.ApplyConfiguration(new Disputes.DisputeAgreementConfiguration());
        model.ApplyConfiguration(new Disputes.DisputeObligationConfiguration());
        model.ApplyConfiguration(new Disputes.DisputeFollowUpConfiguration());
        model.ApplyConfiguration(new Disputes.DisputeFlagConfiguration());
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<int>>().ToTable("account_claims");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<int>>().ToTable("account_logins");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<int>>().ToTable("account_tokens");
        UseSnakeCase(model);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        AuditChain.SaveWithChainAsync(this, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync, which seals audit rows into the chain.");

    // PostgreSQL folds unquoted names to lower case; snake_case keeps hand-written SQL readable on both providers.
    static void UseSnakeCase(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(SnakeCase(key.GetName()!));
            foreach (var foreignKey in entity.GetForeignKeys())
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
        }
    }

    internal static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    result.Append('_');
                result.Append(char.ToLowerInvariant(c));
            }
            else
                result.Append(c);
        }
        return result.ToString();
    }
}
