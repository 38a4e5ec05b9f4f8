using Warta.Content;
using Warta.Network;

namespace Warta.Publishing;

/// <summary>Every node reloads its <see cref="SiteDirectory"/> when sites or sections changed; reloading again changes nothing.</summary>
public sealed class SiteDirectoryReload(SiteDirectory sites) : IChangeHandler
{
    public string Name => "site-directory";

    public HandlerReach Reach => HandlerReach.EveryNode;

    public async Task HandleAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        if (changes.Any(c => c.Kind == ChangeKinds.Site)) await sites.ReloadAsync(cancellationToken);
    }
}
