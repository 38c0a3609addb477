using System.Text.RegularExpressions;

namespace PoliceGrid.Web.Events.Open311;

/// <summary>
/// An address as the public may read it: the road (or street) only, no door, building or room number, so that it
/// says no more than the point rounded to about 100 m. Without a road to cut to, nothing is shown.
/// </summary>
public static partial class PublicAddress
{
    static readonly string[] RoadEnds = ["胡同", "大道", "大街", "路", "街", "巷", "弄", "道"];

    public static string? Coarsen(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var text = address.Trim();
        if (!Cjk().IsMatch(text))
        {
            // "56 Jianshe Road, Building 3": keep the words without numbers up to the first road word.
            var words = text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => !w.Any(char.IsDigit) && !w.StartsWith("No", StringComparison.OrdinalIgnoreCase)).ToList();
            var road = words.FindIndex(w => LatinRoad().IsMatch(w));
            return road < 0 ? null : string.Join(' ', words.Take(road + 1));
        }
        var firstNumber = text.TakeWhile(c => !char.IsDigit(c)).Count();
        var head = text[..firstNumber];
        var end = RoadEnds.Select(r => head.IndexOf(r, StringComparison.Ordinal) is var i and >= 0 ? i + r.Length : int.MaxValue).Min();
        return end == int.MaxValue ? null : head[..end];
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"^(road|rd\.?|street|st\.?|avenue|ave\.?|lane|ln\.?|boulevard|blvd\.?|way|alley)$", RegexOptions.IgnoreCase)]
    private static partial Regex LatinRoad();
}
