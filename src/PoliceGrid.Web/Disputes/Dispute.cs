using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Disputes;

/// <summary>
/// A dispute (矛盾纠纷) as a case of its own: placed in a grid like an event (so the access model scopes it the same way),
/// with its parties, the mediator they chose, sessions, the agreement or referral, and the follow-up. Its steps have
/// limits and escalate through <see cref="StepLimits"/>, as events do.
/// </summary>
public sealed class Dispute : IStepLimited
{
    public int Id { get; set; }
    public DisputeType Type { get; set; }
    public DisputeSource Source { get; set; }
    public required string Title { get; set; }
    /// <summary>What is at stake: the money, the land, the relationship.</summary>
    public string AtStake { get; set; } = "";
    public DisputeRisk Risk { get; set; }
    public DisputeStatus Status { get; set; }
    /// <summary>High risk always involves the police: the police district of the place is told and the case stays on its list.</summary>
    public bool PoliceInvolved { get; set; }
    /// <summary>The event it was opened from (a 04.x dispute reported as an event), if any.</summary>
    public int? EventId { get; set; }

    public string AreaPath { get; set; } = "";
    public int? GridId { get; set; }
    public int? VillageId { get; set; }
    public int? TownshipId { get; set; }
    public int? PoliceDistrictId { get; set; }

    public int? MediatorId { get; set; }
    /// <summary>The chosen mediator's sign-in, kept here so her list is one indexed query.</summary>
    public int? MediatorAccountId { get; set; }
    /// <summary>The village legal adviser invited to the case (警法联调): she joins it and sees it.</summary>
    public int? AdviserAccountId { get; set; }
    /// <summary>The people's mediation committee the officer handed the case to (警调对接), by name.</summary>
    public string? Committee { get; set; }

    public int OpenedById { get; set; }
    public DateTime RegisteredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Normally closed within one month (人民调解法): resolved by then counts as within the limit.</summary>
    public DateTime DueAt { get; set; }
    public DateTime? StepDueAt { get; set; }
    public DateTime? NextEscalationAt { get; set; }
    public int EscalationLevel { get; set; }
    public DateTime? AgreedAt { get; set; }
    public DateTime? ReferredAt { get; set; }
    public DateTime? CarriedOutAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Between the same parties as an earlier dispute.</summary>
    public bool IsRepeated { get; set; }
    /// <summary>A party appeared in a police event afterwards (民转刑 risk).</summary>
    public bool MayTurnCriminal { get; set; }
    public int Version { get; set; }

    public bool IsOpen => Status is not (DisputeStatus.Closed or DisputeStatus.Referred);
}

/// <summary>A party: a person or an organisation, linked to its register record where it is on the register.</summary>
public sealed class DisputeParty
{
    public int Id { get; set; }
    public int DisputeId { get; set; }
    public PartyKind Kind { get; set; }
    public required string Name { get; set; }
    public int? ResidentId { get; set; }
    public int? OrganisationId { get; set; }
    /// <summary>The register's masked ID number (region only) or credit code: what the case shows, never the number.</summary>
    public string? MaskedNumber { get; set; }
    /// <summary>Who this party is across cases: the register record, else the name in the village (repeated disputes, conflicts).</summary>
    public required string PartyKey { get; set; }
    public int? AddressId { get; set; }
}

/// <summary>One step of a dispute's history.</summary>
public sealed class DisputeStep
{
    public long Id { get; set; }
    public int DisputeId { get; set; }
    public DateTime At { get; set; }
    public int? AccountId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public DisputeStatus FromStatus { get; set; }
    public DisputeStatus ToStatus { get; set; }
    public string? Note { get; set; }
}

/// <summary>A member of a mediation pool (township or county).</summary>
public sealed class Mediator
{
    public int Id { get; set; }
    /// <summary>The township (or county) whose pool she is in.</summary>
    public int UnitId { get; set; }
    public string AreaPath { get; set; } = "";
    public int? AccountId { get; set; }
    public required string Name { get; set; }
    public MediatorKind Kind { get; set; }
    /// <summary>The dispute types she takes, comma-separated enum names.</summary>
    public string Specialties { get; set; } = "";
    public string Dialects { get; set; } = "";
    public bool Available { get; set; } = true;
    /// <summary>Her ID number's lookup hash: finds her register record for the conflict check, never shown.</summary>
    public string? IdNumberHash { get; set; }
    public DateTime AddedAt { get; set; }

    public IReadOnlyList<DisputeType> SpecialtyList =>
        Specialties.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.TryParse<DisputeType>(s, out var t) ? t : (DisputeType?)null)
            .OfType<DisputeType>().ToList();
}

/// <summary>A party's choice of a mediator, or consent to the one proposed: when and how it was given.</summary>
public sealed class MediatorChoice
{
    public int Id { get; set; }
    public int DisputeId { get; set; }
    public int PartyId { get; set; }
    public int MediatorId { get; set; }
    public ChoiceWay Way { get; set; }
    public bool Consent { get; set; }
    public DateTime At { get; set; }
    public int RecordedById { get; set; }
}

/// <summary>A hand-over record: 警调对接, 警法联调 or a referral onward.</summary>
public sealed class DisputeHandover
{
    public int Id { get; set; }
    public int DisputeId { get; set; }
    public HandoverKind Kind { get; set; }
    public required string ToName { get; set; }
    public int? AdviserAccountId { get; set; }
    public string Note { get; set; } = "";
    public DateTime At { get; set; }
    public int ById { get; set; }
}

public sealed class DisputeSession
{
    public int Id { get; set; }
    public int DisputeId { get; set; }
    public DateTime At { get; set; }
    public required string Place { get; set; }
    public string Notes { get; set; } = "";
    /// <summary>Seen by the mediator and the police only.</summary>
    public string ConfidentialNotes { get; set; } = "";
    public int RecordedById { get; set; }
}

/// <summary>Who attended a session: a party (and through her, her register record where known) or someone else by name.</summary>
public sealed class SessionAttendee
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int? PartyId { get; set; }
    /// <summary>The register resident who attended, where known (care visits may count a session as seeing her).</summary>
    public int? ResidentId { get; set; }
    public required string Name { get; set; }
}

/// <summary>人民调解协议书: generated from the case, printed, signed, uploaded back.</summary>
public sealed class DisputeAgreement
{
    public int Id { get; set; }
    public int DisputeId { get; set; }
    public required string Facts { get; set; }
    public required string Points { get; set; }
    public required string Terms { get; set; }
    public DateTime MadeAt { get; set; }
    public int MadeById { get; set; }
    public byte[]? SignedCopy { get; set; }
    public string? SignedFileName { get; set; }
    public DateTime? SignedAt { get; set; }
    /// <summary>When the parties were reminded they may apply for 司法确认 (within 30 days).</summary>
    public DateTime? ConfirmationRemindedAt { get; set; }
}

public sealed class DisputeObligation
{
    public int Id { get; set; }
    public int DisputeId { get; set; }
    public int? PartyId { get; set; }
    public required string What { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime? RemindedAt { get; set; }
    public DateTime? DoneAt { get; set; }
}

/// <summary>回访 at day 7 and 30 after the agreement, by the team of the parties' grid.</summary>
public sealed class DisputeFollowUp
{
    public int Id { get; set; }
    public int DisputeId { get; set; }
    public int Day { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime? TaskSentAt { get; set; }
    public int? TeamId { get; set; }
    public DateTime? DoneAt { get; set; }
    public int? DoneById { get; set; }
    public string? Note { get; set; }
}

/// <summary>A warning on a case: repeated between the same parties, or a party in a later police event (民转刑).</summary>
public sealed class DisputeFlag
{
    public int Id { get; set; }
    public int DisputeId { get; set; }
    public DisputeFlagKind Kind { get; set; }
    public int? OtherDisputeId { get; set; }
    public int? EventId { get; set; }
    public DateTime At { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<DisputeType>))]
public enum DisputeType { Neighbour = 1, FamilyMarriage, LandProperty, LabourWages, Consumer, Traffic, Other }

[JsonConverter(typeof(JsonStringEnumConverter<DisputeSource>))]
public enum DisputeSource { Event = 1, Call110, GridVisit, WalkIn }

[JsonConverter(typeof(JsonStringEnumConverter<DisputeRisk>))]
public enum DisputeRisk { None = 0, Violence, GroupIncident, Petition }

[JsonConverter(typeof(JsonStringEnumConverter<DisputeStatus>))]
public enum DisputeStatus { Registered = 1, Assessed, MediatorChosen, InSession, Agreement, Referred, CarriedOut, FollowedUp, Closed }

[JsonConverter(typeof(JsonStringEnumConverter<PartyKind>))]
public enum PartyKind { Person = 1, Organisation }

[JsonConverter(typeof(JsonStringEnumConverter<MediatorKind>))]
public enum MediatorKind { PeoplesMediator = 1, Lawyer, Counsellor, RetiredCadre, VillageElder }

[JsonConverter(typeof(JsonStringEnumConverter<ChoiceWay>))]
public enum ChoiceWay { InPerson = 1, Phone, CitizenPage }

[JsonConverter(typeof(JsonStringEnumConverter<HandoverKind>))]
public enum HandoverKind { MediationCommittee = 1, LegalAdviser, TownshipCentre, Court, Arbitration, Department }

[JsonConverter(typeof(JsonStringEnumConverter<DisputeFlagKind>))]
public enum DisputeFlagKind { Repeated = 1, MayTurnCriminal }

public sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> d)
    {
        d.ToTable("disputes");
        d.Property(x => x.Title).HasMaxLength(200);
        d.Property(x => x.AtStake).HasMaxLength(1000);
        d.Property(x => x.AreaPath).HasMaxLength(400);
        d.Property(x => x.Committee).HasMaxLength(100);
        d.Property(x => x.Version).IsConcurrencyToken();
        d.Ignore(x => x.IsOpen);
        d.HasIndex(x => x.AreaPath).HasOperators("text_pattern_ops");
        d.HasIndex(x => x.RegisteredAt);
        d.HasIndex(x => new { x.MediatorId, x.Status });
        d.HasIndex(x => x.MediatorAccountId);
        d.HasIndex(x => x.AdviserAccountId);
        d.HasIndex(x => x.NextEscalationAt);
        d.HasIndex(x => x.EventId);
        d.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<Unit>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<Mediator>().WithMany().HasForeignKey(x => x.MediatorId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<Account>().WithMany().HasForeignKey(x => x.OpenedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DisputePartyConfiguration : IEntityTypeConfiguration<DisputeParty>
{
    public void Configure(EntityTypeBuilder<DisputeParty> p)
    {
        p.ToTable("dispute_parties");
        p.Property(x => x.Name).HasMaxLength(100);
        p.Property(x => x.MaskedNumber).HasMaxLength(20);
        p.Property(x => x.PartyKey).HasMaxLength(140);
        p.HasIndex(x => x.DisputeId);
        p.HasIndex(x => x.PartyKey);
        p.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DisputeStepConfiguration : IEntityTypeConfiguration<DisputeStep>
{
    public void Configure(EntityTypeBuilder<DisputeStep> s)
    {
        s.ToTable("dispute_steps");
        s.Property(x => x.ActorName).HasMaxLength(100);
        s.Property(x => x.Action).HasMaxLength(40);
        s.Property(x => x.Note).HasMaxLength(2000);
        s.HasIndex(x => x.DisputeId);
        s.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MediatorConfiguration : IEntityTypeConfiguration<Mediator>
{
    public void Configure(EntityTypeBuilder<Mediator> m)
    {
        m.ToTable("mediators");
        m.Property(x => x.Name).HasMaxLength(60);
        m.Property(x => x.AreaPath).HasMaxLength(400);
        m.Property(x => x.Specialties).HasMaxLength(200);
        m.Property(x => x.Dialects).HasMaxLength(100);
        m.Property(x => x.IdNumberHash).HasMaxLength(64);
        m.Ignore(x => x.SpecialtyList);
        m.HasIndex(x => x.UnitId);
        m.HasIndex(x => x.AccountId);
        m.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        m.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MediatorChoiceConfiguration : IEntityTypeConfiguration<MediatorChoice>
{
    public void Configure(EntityTypeBuilder<MediatorChoice> c)
    {
        c.ToTable("mediator_choices");
        c.HasIndex(x => x.DisputeId);
        c.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        c.HasOne<DisputeParty>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        c.HasOne<Mediator>().WithMany().HasForeignKey(x => x.MediatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DisputeHandoverConfiguration : IEntityTypeConfiguration<DisputeHandover>
{
    public void Configure(EntityTypeBuilder<DisputeHandover> h)
    {
        h.ToTable("dispute_handovers");
        h.Property(x => x.ToName).HasMaxLength(100);
        h.Property(x => x.Note).HasMaxLength(2000);
        h.HasIndex(x => x.DisputeId);
        h.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DisputeSessionConfiguration : IEntityTypeConfiguration<DisputeSession>
{
    public void Configure(EntityTypeBuilder<DisputeSession> s)
    {
        s.ToTable("dispute_sessions");
        s.Property(x => x.Place).HasMaxLength(200);
        s.Property(x => x.Notes).HasMaxLength(4000);
        s.Property(x => x.ConfidentialNotes).HasMaxLength(4000);
        s.HasIndex(x => x.DisputeId);
        s.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SessionAttendeeConfiguration : IEntityTypeConfiguration<SessionAttendee>
{
    public void Configure(EntityTypeBuilder<SessionAttendee> a)
    {
        a.ToTable("dispute_session_attendees");
        a.Property(x => x.Name).HasMaxLength(100);
        a.HasIndex(x => x.SessionId);
        a.HasIndex(x => x.ResidentId);
        a.HasOne<DisputeSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DisputeAgreementConfiguration : IEntityTypeConfiguration<DisputeAgreement>
{
    public void Configure(EntityTypeBuilder<DisputeAgreement> a)
    {
        a.ToTable("dispute_agreements");
        a.Property(x => x.Facts).HasMaxLength(4000);
        a.Property(x => x.Points).HasMaxLength(4000);
        a.Property(x => x.Terms).HasMaxLength(4000);
        a.Property(x => x.SignedFileName).HasMaxLength(200);
        a.HasIndex(x => x.DisputeId).IsUnique();
        a.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DisputeObligationConfiguration : IEntityTypeConfiguration<DisputeObligation>
{
    public void Configure(EntityTypeBuilder<DisputeObligation> o)
    {
        o.ToTable("dispute_obligations");
        o.Property(x => x.What).HasMaxLength(500);
        o.HasIndex(x => new { x.DueAt, x.RemindedAt });
        o.HasIndex(x => x.DisputeId);
        o.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DisputeFollowUpConfiguration : IEntityTypeConfiguration<DisputeFollowUp>
{
    public void Configure(EntityTypeBuilder<DisputeFollowUp> f)
    {
        f.ToTable("dispute_follow_ups");
        f.Property(x => x.Note).HasMaxLength(2000);
        f.HasIndex(x => new { x.DueAt, x.TaskSentAt });
        f.HasIndex(x => x.DisputeId);
        f.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DisputeFlagConfiguration : IEntityTypeConfiguration<DisputeFlag>
{
    public void Configure(EntityTypeBuilder<DisputeFlag> f)
    {
        f.ToTable("dispute_flags");
        f.HasIndex(x => new { x.DisputeId, x.Kind, x.EventId, x.OtherDisputeId });
        f.HasIndex(x => x.EventId);
        f.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}
