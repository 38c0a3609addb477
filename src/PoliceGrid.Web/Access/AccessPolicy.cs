using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.CommandRoom;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Access;

/// <summary>
/// The one entry point of the access model: who the caller is (<see cref="Viewer"/>), what they may do
/// (<see cref="Capability"/>, from the table in <see cref="Capabilities"/>) and where (scope by area and side). Every
/// page, API, live message, map layer, export and figure asks it. Police units are seen through the area they serve.
/// </summary>
public sealed class AccessPolicy(PoliceGridDb db, AuditTrail audit, IHttpContextAccessor http)
{
    // One lookup per request, shared: a page and its layout ask at the same time, and one DbContext takes one query at a time.
    Task<Viewer?>? current;

    public async Task<Viewer> CurrentAsync() =>
        await FindCurrentAsync() ?? throw new InvalidOperationException("Not signed in.");

    /// <summary>The signed-in caller, or null when there is none (or the account no longer exists).</summary>
    public Task<Viewer?> FindCurrentAsync() => current ??= LoadCurrentAsync();

    async Task<Viewer?> LoadCurrentAsync()
    {
        if (http.HttpContext?.User.AccountId() is not { } accountId)
            return null;
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId);
        return account is null ? null : await ViewerFor(account);
    }

    public async Task<Viewer> ViewerFor(Account account)
    {
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == account.UnitId);
        return new Viewer(account.Id, account.UserName ?? "", account.DisplayName, account.Role, account.Side, unit, await ScopeOf(account.Role, unit),
            Capabilities.Held(account.Role, account.GrantApprovedAt is not null), account.Department);
    }

    async Task<Scope> ScopeOf(Role role, Unit unit)
    {
        if (role.IsAdministrator() || unit.Kind == UnitKind.City)
            return Scope.Everything;

        IReadOnlyList<string> prefixes = unit.Kind == UnitKind.PoliceDistrict
            ? await db.Units.Where(g => g.PoliceDistrictId == unit.Id).Select(g => g.Path).ToListAsync()
            : [unit.AreaPath];
        var districts = await db.Units.Where(OneOf<Unit>(prefixes, g => g.Path)).Where(g => g.PoliceDistrictId != null)
            .Select(g => g.PoliceDistrictId!.Value).Distinct().ToListAsync();
        if (unit.Kind == UnitKind.PoliceDistrict)
            districts.Add(unit.Id);
        var ancestors = prefixes.SelectMany(AncestorsOf).ToHashSet();
        return new Scope(false, prefixes, ancestors, districts.ToHashSet());
    }

    /// <summary>The paths above a path in its tree, shortest first (not the path itself).</summary>
    public static IEnumerable<string> AncestorsOf(string path)
    {
        for (var end = path.IndexOf('/', 1); end > 0 && end < path.Length - 1; end = path.IndexOf('/', end + 1))
            yield return path[..(end + 1)];
    }

    /// <summary>The units a viewer may see: inside the scope, the chain above it, and the police districts serving it.</summary>
    public static IQueryable<Unit> Visible(IQueryable<Unit> units, Viewer viewer)
    {
        var scope = viewer.Scope;
        if (scope.IsEverything)
            return units;
        var districtIds = scope.DistrictIds.ToList();
        var ancestors = scope.AncestorPaths.ToList();
        Expression<Func<Unit, bool>> districtRule = u => u.Kind == UnitKind.PoliceDistrict && districtIds.Contains(u.Id);
        Expression<Func<Unit, bool>> ancestorRule = u => u.Kind != UnitKind.PoliceDistrict && ancestors.Contains(u.AreaPath);
        var inside = OneOf<Unit>(scope.Prefixes, u => u.AreaPath);
        return units.Where(Or(Or(districtRule, ancestorRule), inside));
    }

    /// <summary>Records placed in a grid (register records, events): those whose grid path lies inside the viewer's area.</summary>
    public static IQueryable<T> InArea<T>(IQueryable<T> records, Viewer viewer, Expression<Func<T, string>> areaPath) =>
        viewer.Scope.IsEverything ? records : records.Where(OneOf(viewer.Scope.Prefixes, areaPath));

    public static bool InArea(string areaPath, Viewer viewer) =>
        viewer.Scope.IsEverything || viewer.Scope.Prefixes.Any(p => areaPath.StartsWith(p, StringComparison.Ordinal));

    public static bool CanSee(Unit unit, Viewer viewer)
    {
        var scope = viewer.Scope;
        if (scope.IsEverything)
            return true;
        if (scope.Prefixes.Any(p => unit.AreaPath.StartsWith(p, StringComparison.Ordinal)))
            return true;
        return unit.Kind == UnitKind.PoliceDistrict
            ? scope.DistrictIds.Contains(unit.Id)
            : scope.AncestorPaths.Contains(unit.AreaPath);
    }

    /// <summary>
    /// The events a viewer may see: placed inside the scope, or reported by or assigned to the viewer. Police-confidential
    /// events are hidden from everyone off the police side except their reporter, who sees status and outcome only
    /// (<see cref="SeesDetails"/>); department staff see the events routed to departments.
    /// </summary>
    public static IQueryable<Event> Visible(IQueryable<Event> events, Viewer viewer)
    {
        var me = viewer.AccountId;
        if (!SeesPoliceDetail(viewer))
            events = events.Where(e => !e.IsConfidential || e.ReporterAccountId == me);
        if (viewer.Side == Side.Department)
        {
            var department = viewer.Department;
            events = events.Where(e => e.HandlerSide == HandlerSide.Department && e.Department == department || e.ReporterAccountId == me);
        }
        if (viewer.Scope.IsEverything)
            return events;
        var inside = OneOf<Event>(viewer.Scope.Prefixes, e => e.AreaPath);
        return events.Where(Or(inside, e => e.ReporterAccountId == me || e.HandlerAccountId == me));
    }

    public static bool CanSee(Event e, Viewer viewer)
    {
        var mine = e.ReporterAccountId == viewer.AccountId;
        if (e.IsConfidential && !SeesPoliceDetail(viewer) && !mine)
            return false;
        if (viewer.Side == Side.Department && !(e.HandlerSide == HandlerSide.Department && e.Department == viewer.Department) && !mine)
            return false;
        return viewer.Scope.IsEverything || mine || e.HandlerAccountId == viewer.AccountId
            || viewer.Scope.Prefixes.Any(p => e.AreaPath.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Whether the viewer may see what an event is about, not just its status (confidential feedback).</summary>
    public static bool SeesDetails(Event e, Viewer viewer) => CanSee(e, viewer) && (!e.IsConfidential || SeesPoliceDetail(viewer));

    static bool SeesPoliceDetail(Viewer viewer) => viewer.Can(Capability.SeePoliceDetail);

    /// <summary>Messages to people in the viewer's area, for the board's counts and figures: police work only for the police side.</summary>
    public static IQueryable<Delivery.Message> Visible(IQueryable<Delivery.Message> messages, Viewer viewer)
    {
        if (!SeesPoliceDetail(viewer))
            messages = messages.Where(m => !m.Police);
        return InArea(messages, viewer, m => m.AreaPath);
    }

    /// <summary>
    /// Directives at a unit inside the scope (a police district through the districts serving the scope), or at or from
    /// the viewer. A directive to a police unit is police text: the grid side does not read it.
    /// </summary>
    public static IQueryable<Directive> Visible(IQueryable<Directive> directives, Viewer viewer)
    {
        var me = viewer.AccountId;
        var police = SeesPoliceDetail(viewer);
        if (viewer.Scope.IsEverything)
            return directives.Where(d => police || !d.TargetIsPolice || d.TargetAccountId == me || d.IssuedById == me);
        var districts = viewer.Scope.DistrictIds.ToList();
        var inside = OneOf<Directive>(viewer.Scope.Prefixes, d => d.AreaPath);
        var reaches = Or(inside, d => districts.Contains(d.TargetUnitId));
        return directives.Where(Or(And(d => police || !d.TargetIsPolice, reaches), d => d.TargetAccountId == me || d.IssuedById == me));
    }

    public static bool CanSee(Directive d, Viewer viewer) =>
        d.TargetAccountId == viewer.AccountId || d.IssuedById == viewer.AccountId
        || (SeesPoliceDetail(viewer) || !d.TargetIsPolice)
            && (viewer.Scope.IsEverything || viewer.Scope.DistrictIds.Contains(d.TargetUnitId) || InArea(d.AreaPath, viewer));

    /// <summary>
    /// Whether a unit lies inside the viewer's scope (not merely visible as a unit above it): what a directive may be
    /// sent to, or an account made at.
    /// </summary>
    public static bool Covers(Unit unit, Viewer viewer) =>
        viewer.Scope.IsEverything
        || (unit.Kind == UnitKind.PoliceDistrict ? viewer.Scope.DistrictIds.Contains(unit.Id) : InArea(unit.AreaPath, viewer));

    /// <summary>Whether a viewer's board or inbox should hear of a change: the same rules as the lists it refreshes.</summary>
    public static bool CanHear(LiveMessage message, Viewer viewer)
    {
        var mine = message.ReporterAccountId == viewer.AccountId || message.AccountId == viewer.AccountId;
        if (message.Kind == LiveMessageKind.Resync || mine)
            return true;
        if (message.Kind == LiveMessageKind.Message)
            return false;
        if (message.Confidential && !SeesPoliceDetail(viewer))
            return false;
        if (viewer.Side == Side.Department && message.Department != viewer.Department)
            return false;
        return viewer.Scope.IsEverything || InArea(message.AreaPath, viewer)
            || message.HandlerUnitId is { } unit && viewer.Scope.DistrictIds.Contains(unit);
    }

    /// <summary>
    /// The disputes a viewer may see: the area's staff those placed inside the scope; a pool mediator or an invited legal
    /// adviser the cases she mediates or joined, and nothing else (whatever her unit's area).
    /// </summary>
    public static IQueryable<Disputes.Dispute> Visible(IQueryable<Disputes.Dispute> disputes, Viewer viewer)
    {
        var me = viewer.AccountId;
        if (!viewer.Can(Capability.HandleDisputes))
            return disputes.Where(d => d.MediatorAccountId == me || d.AdviserAccountId == me);
        if (viewer.Scope.IsEverything)
            return disputes;
        return disputes.Where(Or(OneOf<Disputes.Dispute>(viewer.Scope.Prefixes, d => d.AreaPath), d => d.MediatorAccountId == me || d.AdviserAccountId == me));
    }

    public static bool CanSee(Disputes.Dispute d, Viewer viewer) =>
        d.MediatorAccountId == viewer.AccountId || d.AdviserAccountId == viewer.AccountId
        || viewer.Can(Capability.HandleDisputes) && InArea(d.AreaPath, viewer);

    /// <summary>An id outside the caller's scope looks like one that does not exist, and leaves an audit row.</summary>
    public async Task<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult> OutOfScope(string recordType, string recordId)
    {
        await RecordOutOfScopeAsync(recordType, recordId);
        return Shared.ResultHttp.ToProblem(Shared.Result.NotFound());
    }

    /// <summary>The audit row of an id outside the caller's scope, for a use case's not-found answer.</summary>
    public Task RecordOutOfScopeAsync(string recordType, string recordId) =>
        audit.WriteAsync("read", recordType, recordId, AuditOutcome.Denied, "out of scope");

    static Expression<Func<T, bool>> OneOf<T>(IReadOnlyList<string> prefixes, Expression<Func<T, string>> path)
    {
        var unit = path.Parameters[0];
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var prefix in prefixes)
        {
            // A captured variable becomes a query parameter, so plans are reused across users.
            var holder = new PrefixHolder(prefix);
            var value = Expression.Property(Expression.Constant(holder), nameof(PrefixHolder.Prefix));
            body = Expression.OrElse(body, Expression.Call(path.Body, startsWith, value));
        }
        return Expression.Lambda<Func<T, bool>>(body, unit);
    }

    sealed record PrefixHolder(string Prefix);

    static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = left.Parameters[0];
        var rightBody = new Rebind(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(join(left.Body, rightBody), parameter);
    }

    sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

public sealed record Viewer(int AccountId, string UserName, string DisplayName, Role Role, Side Side, Unit Unit, Scope Scope,
    IReadOnlySet<Capability> Capabilities, string? Department = null)
{
    public bool Can(Capability capability) => Capabilities.Contains(capability);
}

public sealed record Scope(bool IsEverything, IReadOnlyList<string> Prefixes, IReadOnlySet<string> AncestorPaths, IReadOnlySet<int> DistrictIds)
{
    public static readonly Scope Everything = new(true, [], new HashSet<string>(), new HashSet<int>());
}
