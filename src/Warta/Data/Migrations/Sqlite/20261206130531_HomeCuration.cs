using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warta.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HomeCuration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EditorsPicks_SiteId_ArticleId",
                table: "EditorsPicks");

            migrationBuilder.DropIndex(
                name: "IX_EditorsPicks_SiteId_Position",
                table: "EditorsPicks");

            migrationBuilder.AddColumn<bool>(
                name: "HiddenOnHome",
                table: "Sections",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "HomePosition",
                table: "Sections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "List",
                table: "EditorsPicks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "PinnedUntil",
                table: "EditorsPicks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EditorsPicks_SiteId_List_ArticleId",
                table: "EditorsPicks",
                columns: new[] { "SiteId", "List", "ArticleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EditorsPicks_SiteId_List_Position",
                table: "EditorsPicks",
                columns: new[] { "SiteId", "List", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EditorsPicks_SiteId_List_ArticleId",
                table: "EditorsPicks");

            migrationBuilder.DropIndex(
                name: "IX_EditorsPicks_SiteId_List_Position",
                table: "EditorsPicks");

            migrationBuilder.DropColumn(
                name: "HiddenOnHome",
                table: "Sections");

            migrationBuilder.DropColumn(
                name: "HomePosition",
                table: "Sections");

            migrationBuilder.DropColumn(
                name: "List",
                table: "EditorsPicks");

            migrationBuilder.DropColumn(
                name: "PinnedUntil",
                table: "EditorsPicks");

            migrationBuilder.CreateIndex(
                name: "IX_EditorsPicks_SiteId_ArticleId",
                table: "EditorsPicks",
                columns: new[] { "SiteId", "ArticleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EditorsPicks_SiteId_Position",
                table: "EditorsPicks",
                columns: new[] { "SiteId", "Position" });
        }
    }
}
