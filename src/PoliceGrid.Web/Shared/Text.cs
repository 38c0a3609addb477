namespace PoliceGrid.Web.Shared;

/// <summary>A message in both languages of the product: Chinese first, English second.</summary>
public sealed record Text(string Zh, string En)
{
    public override string ToString() => $"{Zh} / {En}";

    public string In(bool english) => english ? En : Zh;
}
