-- CreateTable
CREATE TABLE "Source" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "verify" TEXT NOT NULL,
    "secretEnv" TEXT,
    "tokenEnv" TEXT,
    "apiUrl" TEXT,
    "surveyId" TEXT,
    "mappings" TEXT NOT NULL,
    "team" TEXT,
    "touchpoint" TEXT,
    "pollMinutes" INTEGER,
    "pollCursor" DATETIME,
    "pollFailures" INTEGER NOT NULL DEFAULT 0,
    "pollRetryAt" DATETIME,
    "pollError" TEXT,
    "lastAnswerAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SourceDay" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "refusals" INTEGER NOT NULL DEFAULT 0,
    "lastRefusal" TEXT,
    "lastRefusalAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_name_key" ON "Source"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SourceDay_source_day_key" ON "SourceDay"("source", "day");
