using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Duty;

/// <summary>The <c>Duty</c> section: where the day shift and the night shift begin, China time (the night ends when the next day begins).</summary>
public sealed class DutyOptions
{
    public TimeOnly DayStarts { get; set; } = new(8, 0);

    public TimeOnly NightStarts { get; set; } = new(20, 0);

    public sealed class Validation : IValidateOptions<DutyOptions>
    {
        public ValidateOptionsResult Validate(string? name, DutyOptions options) =>
            options.DayStarts < options.NightStarts && options.DayStarts.Second == 0 && options.NightStarts.Second == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Duty:DayStarts 须早于 Duty:NightStarts，均为整分（如 08:00、20:00） / Duty:DayStarts must be before Duty:NightStarts, both in whole minutes (e.g. 08:00, 20:00)");
    }
}
