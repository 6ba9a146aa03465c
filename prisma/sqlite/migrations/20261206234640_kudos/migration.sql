-- CreateTable
CREATE TABLE "Kudos" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "answerId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "teamId" INTEGER,
    "answeredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Kudos_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Kudos_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Kudos_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT,
    "name" TEXT,
    "slackUserId" TEXT,
    "teamsUserId" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "kudosOptOut" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Person" ("createdAt", "email", "id", "isAdmin", "name", "slackUserId", "teamsUserId") SELECT "createdAt", "email", "id", "isAdmin", "name", "slackUserId", "teamsUserId" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");
CREATE UNIQUE INDEX "Person_slackUserId_key" ON "Person"("slackUserId");
CREATE UNIQUE INDEX "Person_teamsUserId_key" ON "Person"("teamsUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Kudos_answeredAt_idx" ON "Kudos"("answeredAt");

-- CreateIndex
CREATE INDEX "Kudos_personId_answeredAt_idx" ON "Kudos"("personId", "answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Kudos_answerId_personId_key" ON "Kudos"("answerId", "personId");
