using System.ComponentModel.DataAnnotations;

namespace PoliceGrid.Web.Units;

/// <summary>The <c>Units</c> section: how many grids an import generates where the files have none.</summary>
public sealed class UnitsOptions
{
    [Range(1, 999, ErrorMessage = "Units:GridsPerVillage 须为 1 至 999 / Units:GridsPerVillage must be 1 to 999")]
    public int GridsPerVillage { get; set; } = 3;

    /// <summary>Instead of <see cref="GridsPerVillage"/>: this many grids spread over all villages (21351 = city scale).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Units:TotalGrids 须为 1 至 10000000 / Units:TotalGrids must be 1 to 10000000")]
    public int? TotalGrids { get; set; }
}
