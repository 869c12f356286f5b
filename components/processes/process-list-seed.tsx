"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { seedProcessList } from "@/lib/query/processes";
import type { ChangedBy } from "@/lib/validations/process-history";

type Props = { json: string; renderedAt: number; actor: ChangedBy; children: ReactNode };

/** Puts the server's list into the query cache before the editor first reads it (see seedProcessList). */
export function ProcessListSeed({ json, renderedAt, actor, children }: Props) {
  const client = useQueryClient();
  useState(() => seedProcessList(client, { json, renderedAt, actor }, "render"));
  useEffect(() => seedProcessList(client, { json, renderedAt, actor }, "effect"), [client, json, renderedAt, actor]);
  return children;
}
