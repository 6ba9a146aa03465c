-- CreateTable
CREATE TABLE "ThemeAlias" (
    "id" SERIAL NOT NULL,
    "term" TEXT NOT NULL,
    "canonical" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThemeAlias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ThemeAlias_term_key" ON "ThemeAlias"("term");
