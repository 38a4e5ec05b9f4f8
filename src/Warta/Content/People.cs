using Microsoft.EntityFrameworkCore;
using Warta.Data;

namespace Warta.Content;

/// <summary>Finds writers and editors by name, creating a record the first time a name appears.</summary>
public sealed class People(WartaDbContext db)
{
    public async Task<Person> FindOrCreateAsync(string name, int? homeSiteId, CancellationToken cancellationToken)
    {
        var slug = Slugs.From(name);
        var person = await db.People.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (person is not null) return person;
        person = new Person { Slug = slug, Name = name.Trim(), HomeSiteId = homeSiteId };
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }
}
