using Microsoft.EntityFrameworkCore;
using Warta.Data;

namespace Warta.Content;

/// <summary>Finds writers and editors by name, creating a record the first time a name appears.</summary>
public sealed class People(WartaDbContext db)
{
    /// <summary>The person a staff account writes as (its byline), when it has one.</summary>
    public Task<Person?> OfStaffAsync(int? userId, CancellationToken cancellationToken) =>
        (from user in db.Users
         join person in db.People on user.PersonId equals person.Id
         where user.Id == userId
         select person).FirstOrDefaultAsync(cancellationToken);

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
