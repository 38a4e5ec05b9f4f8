namespace Warta.Live;

public static class LiveCacheTags
{
    /// <summary>The cached `/live/{slug}` page of a report, evicted by every event.</summary>
    public static string Report(int reportId) => $"live:{reportId}";
}
