using Offload.Platform.Courses;

namespace Offload.Storage.Contract;

/// <summary>What every driver must do with courses: create one per code (whatever its case) and list them by code.</summary>
public abstract class CoursesContract : StoreContract
{
    private Task<Course?> CreateAsync(string code, string title) => Stores.Courses.CreateAsync(new CreateCourseRequest(code, title), default);

    [Fact]
    public async Task A_created_course_is_listed_by_code_with_its_title()
    {
        var bio = await CreateAsync("BIO200", "Biology");
        var alg = await CreateAsync("ALG101", "Algebra");

        Assert.Equal([alg!, bio!], await Stores.Courses.ListAsync(new ListCoursesRequest(), default));
        Assert.Equal(("ALG101", "Algebra"), (alg!.Code, alg.Title));
        Assert.NotEqual(alg.Id, bio!.Id);
    }

    [Fact]
    public async Task A_code_already_taken_whatever_its_case_creates_nothing()
    {
        var alg = await CreateAsync("ALG101", "Algebra");

        Assert.Null(await CreateAsync("alg101", "Other algebra"));

        Assert.Equal([alg!], await Stores.Courses.ListAsync(new ListCoursesRequest(), default));
    }

    [Fact]
    public async Task Listing_by_ids_gives_only_those_courses()
    {
        var alg = await CreateAsync("ALG101", "Algebra");
        await CreateAsync("BIO200", "Biology");
        var chem = await CreateAsync("CHEM300", "Chemistry");

        Assert.Equal([alg!, chem!], await Stores.Courses.ListAsync(new ListCoursesRequest([chem!.Id, alg!.Id, 999_999]), default));
        Assert.Empty(await Stores.Courses.ListAsync(new ListCoursesRequest([]), default));
    }

    [Fact]
    public async Task No_courses_lists_nothing() => Assert.Empty(await Stores.Courses.ListAsync(new ListCoursesRequest(), default));
}
