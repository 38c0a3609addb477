namespace PoliceGrid.Web.Shared;

/// <summary>
/// A refused form's problems by field, so each sits at its field: the field is marked (aria-invalid), names its message
/// (aria-describedby) and the first one in the form's order takes the focus, which also scrolls it into view.
/// </summary>
public sealed class FieldMarks(string form, IReadOnlyList<string> order, IReadOnlyList<FieldProblem> problems)
{
    public static FieldMarks None(string form) => new(form, [], []);

    public IReadOnlyList<FieldProblem> Problems => problems;

    public bool Any => problems.Count > 0;

    /// <summary>Problems of fields this form does not show; they go in the form's message instead.</summary>
    public IReadOnlyList<FieldProblem> Elsewhere => [.. problems.Where(p => !order.Contains(p.Field))];

    public bool Has(string field) => problems.Any(p => p.Field == field);

    public string Id(string field) => $"{form}-{field}-error";

    public string? Invalid(string field) => Has(field) ? "true" : null;

    public string? DescribedBy(string field) => Has(field) ? Id(field) : null;

    public bool Focus(string field) => order.FirstOrDefault(Has) == field;

    /// <summary>A field's marks as attributes (for <c>@attributes</c>): invalid, described by its message, focused if first.</summary>
    public IReadOnlyDictionary<string, object> Attributes(string field) => !Has(field)
        ? new Dictionary<string, object>()
        : Focus(field)
            ? new Dictionary<string, object> { ["aria-invalid"] = "true", ["aria-describedby"] = Id(field), ["autofocus"] = true }
            : new Dictionary<string, object> { ["aria-invalid"] = "true", ["aria-describedby"] = Id(field) };
}
