import type { Page } from 'playwright-core'

// Run inside the page. Sources, not functions: the project's types are Node's, not the DOM's.
const PIXEL_STATS = `function pixelStats(pixels) {
  let painted = 0
  const colours = new Set()
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) continue
    painted += 1
    colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2])
  }
  return { painted, colours: colours.size }
}`

export interface Pixels {
  width: number
  height: number
  /** Pixels not fully transparent. */
  painted: number
  /** Distinct colours among them. */
  colours: number
}

/** What a canvas of the page holds, null when there is no such canvas. */
export function canvasPixels(page: Page, canvasId: string): Promise<Pixels | null> {
  return page.evaluate(`(() => {
    ${PIXEL_STATS}
    const canvas = document.getElementById(${JSON.stringify(canvasId)})
    if (!canvas || canvas.tagName !== 'CANVAS') return null
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
    return { width: canvas.width, height: canvas.height, ...pixelStats(data) }
  })()`)
}

/** A PNG decoded by the browser itself, for the same counts. */
export function pngPixels(page: Page, png: Buffer): Promise<Pixels> {
  return page.evaluate(`(async () => {
    ${PIXEL_STATS}
    const image = new Image()
    image.src = 'data:image/png;base64,${png.toString('base64')}'
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = image.width
    canvas.height = image.height
    const context = canvas.getContext('2d')
    context.drawImage(image, 0, 0)
    const { data } = context.getImageData(0, 0, image.width, image.height)
    return { width: image.width, height: image.height, ...pixelStats(data) }
  })()`)
}

/** The cells of every table row in a report section (from its h2 to the next), as text. */
export function sectionRows(page: Page, sectionId: string): Promise<string[][]> {
  return page.evaluate(`(() => {
    const rows = []
    let el = document.getElementById(${JSON.stringify(sectionId)}).nextElementSibling
    for (; el && el.tagName !== 'H2'; el = el.nextElementSibling)
      if (el.tagName === 'TABLE')
        for (const tr of el.querySelectorAll('tbody tr'))
          rows.push([...tr.querySelectorAll('td')].map((td) => td.textContent))
    return rows
  })()`)
}
