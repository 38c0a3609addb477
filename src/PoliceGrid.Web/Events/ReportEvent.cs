using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Events;

/// <summary>
/// Reports a new event: validates it, places it by its point (or the grid named, or the reporter's own grid), routes
/// it, keeps the first step and its photos, audits it and tells open boards. With an Idempotency-Key the same key and
/// body answer the first result again; the same key with another body is refused.
/// </summary>
public sealed class ReportEvent(PoliceGridDb db, AuditTrail audit, UnitLocator locator, RouteEvent route, EventSettingsCache settings, LiveFeed live, EventMessages messages,
    TimeProvider clock, IEnumerable<IPersonSeen>? seen = null)
{
    public sealed record Photo(string FileName, string ContentType, string DataBase64);

    public sealed record Request(string? CategoryCode, string? Title, string? Description, double? Lon, double? Lat, string? Address,
        string? GridCode, EventSource? Source, bool? Confidential, string? ReporterName, string? ReporterContact, IReadOnlyList<Photo>? Photos,
        DateTimeOffset? CapturedAt = null)
    {
        /// <summary>The resident the event names, if any: staff reporting it met her, which resets her care clock.</summary>
        public int? ResidentId { get; init; }
    }

    /// <summary>How long a phone may hold a report captured with no signal; and the clock skew a phone is allowed.</summary>
    public static readonly TimeSpan MaxOfflineAge = TimeSpan.FromDays(30), MaxClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>Who is reporting: a signed-in viewer, or an outside system (Open311) acting for a citizen.</summary>
    public sealed record Reporter(Viewer? Viewer, string Name, EventSource DefaultSource);

    /// <summary>The event as reported; for a replayed Idempotency-Key, also the first answer's body, byte for byte.</summary>
    public sealed record Reported(EventView Event, string? Json = null);

    public const int MaxPhotos = 5;
    public const int MaxPhotoBytes = 2 * 1024 * 1024;

    public static EventSource SourceOf(Role role) => role switch
    {
        Role.GridWorker or Role.GridChief => EventSource.GridWorker,
        Role.MicroGridWorker => EventSource.MicroGridWorker,
        Role.DepartmentOfficer => EventSource.Department,
        Role.Citizen => EventSource.Citizen,
        Role.Dispatcher => EventSource.Call110,
        _ => EventSource.Officer,
    };

    /// <summary>
    /// Invalid: the problems by field. In conflict: the Idempotency-Key was used before for another body (the API
    /// answers 422 there, as the Idempotency-Key draft asks).
    /// </summary>
    public async Task<Result<Reported>> RunAsync(Reporter reporter, Request request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        string? hash = null;
        var accountId = reporter.Viewer?.AccountId;
        if (idempotencyKey is not null && accountId is { } who)
        {
            if (idempotencyKey.Length is 0 or > 200)
                return Result.Invalid(new Text("Events.TheIdempotencyKeyMustBe1")).As<Reported>();
            hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
            if (await ReplayAsync(who, idempotencyKey, hash, ct) is { } replay)
                return replay;
        }

        var errors = new List<FieldProblem>();
        var code = request.CategoryCode?.Trim();
        var category = string.IsNullOrEmpty(code) ? null : (await settings.GetAsync(ct)).ByCode(code) is { Active: true } known ? known : null;
        if (category is null)
            errors.Add(new FieldProblem("categoryCode", new Text("Events.ChooseAValidEventCategory")));
        var title = (request.Title ?? "").Trim();
        if (title.Length is 0 or > 200)
            errors.Add(new FieldProblem("title", new Text("Events.TheTitleMustBe1To")));
        var description = (request.Description ?? "").Trim();
        if (description.Length > 4000)
            errors.Add(new FieldProblem("description", new Text("Events.TheDescriptionIsAtMost4000")));
        if ((request.Lon is null) != (request.Lat is null) || request.Lon is not (null or (>= -180 and <= 180)) || request.Lat is not (null or (>= -90 and <= 90)))
            errors.Add(new FieldProblem("point", new Text("Events.LonAndLatGoTogetherAnd")));
        if ((request.Address ?? "").Length > 300)
            errors.Add(new FieldProblem("address", new Text("Events.TheAddressIsAtMost300")));
        var source = reporter.DefaultSource;
        if (request.Source is { } asked && asked != source)
        {
            // Only the command room and station staff enter calls that came in by other channels.
            if (reporter.Viewer?.Role is Role.Dispatcher or Role.StationHead or Role.CentreDirector && Enum.IsDefined(asked))
                source = asked;
            else
                errors.Add(new FieldProblem("source", new Text("Events.YouCannotReportWithThisSource")));
        }
        var received = Now(clock);
        if (request.CapturedAt is { } captured && (captured.UtcDateTime > received + MaxClockSkew || captured.UtcDateTime < received - MaxOfflineAge))
            errors.Add(new FieldProblem("capturedAt", new Text("Events.TheCaptureTimeIsOutOf")));
        var photos = ReadPhotos(request.Photos, errors);
        var confidential = request.Confidential == true || category?.Confidential == true;
        if (request.Confidential == true && reporter.Viewer?.Can(Capability.SeePoliceDetail) != true)
            errors.Add(new FieldProblem("confidential", new Text("Events.OnlyPoliceStaffMarkAnEvent")));

        var placed = new Event { Title = title, Description = description, Address = request.Address?.Trim() };
        if (errors.Count == 0)
        {
            var problem = await PlaceAsync(placed, reporter.Viewer, request, ct);
            if (problem is not null)
                errors.Add(new FieldProblem("place", problem));
        }
        if (errors.Count > 0)
            return Result.Invalid(new Text("Events.TheReportHasErrorsNothingWas"), errors).As<Reported>();

        var now = Now(clock);
        var decision = await route.DecideAsync(category!, placed, now, ct);
        var e = placed;
        e.CategoryId = category!.Id;
        e.Source = source;
        e.IsConfidential = confidential;
        e.ReporterAccountId = accountId;
        e.ReporterName = reporter.Viewer?.DisplayName ?? Trim(request.ReporterName, 100) ?? reporter.Name;
        e.ReporterContact = Trim(request.ReporterContact, 100);
        e.Status = EventStatus.Reported;
        e.HandlerSide = decision.UnitId is null ? HandlerSide.None : decision.Side;
        e.HandlerUnitId = decision.UnitId;
        e.HandlerAccountId = decision.AccountId;
        e.Department = decision.Department;
        e.RoutedBy = decision.Reason.Length > 200 ? decision.Reason[..200] : decision.Reason;
        e.DivertedToGrid = source is EventSource.Call110 or EventSource.Officer && decision.Side == HandlerSide.Grid;
        e.ReportedAt = e.UpdatedAt = now;
        e.CapturedAt = request.CapturedAt is { } at ? new DateTime(at.UtcTicks - at.UtcTicks % 10, DateTimeKind.Utc) : null;
        e.DueAt = now.AddMinutes(category.CloseMinutes);
        StepLimits.StartStep(e, now, category.AcceptMinutes);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Events.Add(e);
        await db.SaveChangesAsync(ct);
        var step = new EventStep
        {
            EventId = e.Id, At = now, AccountId = accountId, ActorName = e.ReporterName ?? reporter.Name, Action = EventRules.ReportStep,
            FromStatus = EventStatus.Reported, ToStatus = EventStatus.Reported, HandlerUnitId = e.HandlerUnitId,
            Note = e.RoutedBy,
        };
        db.EventSteps.Add(step);
        await db.SaveChangesAsync(ct);
        foreach (var photo in photos)
            db.EventPhotos.Add(new EventPhoto { EventId = e.Id, StepId = step.Id, FileName = photo.FileName, ContentType = photo.ContentType, Content = photo.Content, At = now });
        var id = e.Id.ToString(CultureInfo.InvariantCulture);
        audit.Add("event-report", "event", id, detail: $"category={category.Code} source={source} handler={e.HandlerSide}:{e.HandlerUnitId} area={e.AreaPath}",
            userName: reporter.Viewer is null ? reporter.Name : null);
        await messages.ToHandlersAsync(e, e.DivertedToGrid ? MessageKind.DivertedCall : MessageKind.Task,
            e.DivertedToGrid ? "Delivery.Title.DivertedCall" : "Delivery.Title.Task", ct);
        if (request.ResidentId is { } named && reporter.Viewer is { Role: not Role.Citizen } staff)
            foreach (var listener in seen ?? [])
                await listener.SeenAsync(named, now, SeenHow.InPassing, $"event:{id}", staff.AccountId, ct);
        var view = EventView.Of(e, category, true, [], []);
        string? json = null;
        if (hash is not null)
        {
            json = JsonSerializer.Serialize(view, JsonOptions);
            db.IdempotencyRecords.Add(new IdempotencyRecord { AccountId = accountId!.Value, Key = idempotencyKey!, RequestHash = hash, EventId = e.Id, Response = json, At = now });
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException) when (hash is not null)
        {
            // Another request with the same key won the race: answer as it did.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ReplayAsync(accountId!.Value, idempotencyKey!, hash, ct) ?? throw new InvalidOperationException("Idempotency record vanished.");
        }
        await live.PublishAsync(Live(e, LiveMessageKind.EventReported), ct);
        return new Reported(view, json);
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    async Task<Result<Reported>?> ReplayAsync(int accountId, string key, string hash, CancellationToken ct)
    {
        var first = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId && r.Key == key, ct);
        if (first is null)
            return null;
        if (first.RequestHash != hash)
            return Result.Conflict(new Text("Events.ThisIdempotencyKeyWasAlreadyUsed")).As<Reported>();
        return new Reported(JsonSerializer.Deserialize<EventView>(first.Response, JsonOptions)!, first.Response);
    }

    async Task<Text?> PlaceAsync(Event e, Viewer? viewer, Request request, CancellationToken ct)
    {
        UnitLocator.Chain? chain = null;
        if (request.Lon is { } lon && request.Lat is { } lat)
        {
            chain = locator.Locate(lon, lat);
            if (chain is null)
                return new Text("Shell.ThisPointLiesInNoGrid");
            (e.Lon, e.Lat) = (lon, lat);
        }
        else if (!string.IsNullOrWhiteSpace(request.GridCode))
        {
            var code = request.GridCode.Trim();
            var grid = await db.Units.AsNoTracking().Where(u => u.Code == code && u.Kind == UnitKind.Grid).Select(u => (int?)u.Id).SingleOrDefaultAsync(ct);
            chain = grid is { } id ? locator.ChainOf(id) : null;
            if (chain is null)
                return new Text("Events.ThereIsNoSuchGrid");
        }
        else if (viewer?.Unit.Kind == UnitKind.Grid)
            chain = locator.ChainOf(viewer.Unit.Id);
        else if (string.IsNullOrWhiteSpace(request.Address))
            // Also from outside systems (Open311): a report with no place at all could reach no one.
            return new Text("Events.GiveAPointLonLatA");

        if (chain is null)
        {
            // Not placed (an address we cannot resolve yet): it waits, unassigned, in the command room of the reporter's area.
            e.AreaPath = viewer?.Unit.AreaPath ?? "";
            return null;
        }
        e.GridId = chain.Grid.Id;
        e.VillageId = chain.Village?.Id;
        e.TownshipId = chain.Township?.Id;
        e.CountyId = chain.County?.Id;
        e.PoliceDistrictId = chain.PoliceDistrict?.Id;
        e.PoliceStationId = chain.PoliceStation?.Id;
        e.AreaPath = await db.Units.AsNoTracking().Where(u => u.Id == chain.Grid.Id).Select(u => u.Path).SingleAsync(ct);
        return null;
    }

    sealed record PhotoBytes(string FileName, string ContentType, byte[] Content);

    static List<PhotoBytes> ReadPhotos(IReadOnlyList<Photo>? photos, List<FieldProblem> errors)
    {
        var result = new List<PhotoBytes>();
        if (photos is null)
            return result;
        if (photos.Count > MaxPhotos)
            errors.Add(new FieldProblem("photos", new Text("Events.AtMost0Photos", MaxPhotos)));
        foreach (var photo in photos.Take(MaxPhotos))
        {
            if (!TryDecode(photo, out var name, out var type, out var bytes))
            {
                errors.Add(new FieldProblem("photos", new Text("Events.PhotosMustBeJPEGPNGOr2")));
                break;
            }
            result.Add(new PhotoBytes(name, type, bytes));
        }
        return result;
    }

    /// <summary>
    /// Decodes one photo and checks its size and its type by its first bytes: the declared type is the sender's word,
    /// and an HTML file declared image/png would otherwise be kept and served back.
    /// </summary>
    public static bool TryDecode(Photo photo, out string name, out string type, out byte[] bytes)
    {
        name = Path.GetFileName(photo.FileName ?? "");
        name = name.Length == 0 ? "photo" : name[..Math.Min(200, name.Length)];
        type = "";
        try
        {
            bytes = Convert.FromBase64String(photo.DataBase64 ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
        type = ImageTypeOf(bytes) ?? "";
        return type.Length > 0 && bytes.Length <= MaxPhotoBytes;
    }

    /// <summary>JPEG, PNG or WebP by their magic numbers; null for anything else.</summary>
    public static string? ImageTypeOf(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };

    static string? Trim(string? value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(max, value.Trim().Length)];

    /// <summary>Now, truncated to microseconds so that it reads back from either database unchanged.</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }

    public static LiveMessage Live(Event e, LiveMessageKind kind) =>
        new(kind, e.Id, e.AreaPath, e.HandlerUnitId, e.HandlerAccountId, e.ReporterAccountId, e.IsConfidential,
            e.HandlerSide == HandlerSide.Department ? e.Department : null);
}
